#pragma once
// Which language the grader speaks: --lang, else the user's locale
// (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG, the first one set), else the
// course's own `language:`. The course texts (assignments.yaml) and the program's messages
// (po/) follow the same choice.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// The language code a locale name gives: "es_ES.UTF-8" -> "es", "es" -> "es";
/// nullopt for "", "C", "POSIX", "C.UTF-8" and names that are not a language.
std::optional<std::string> language_of_locale(const std::string& locale);

/// What the user asked for, best first: {--lang} when given, else the
/// languages of GNU's LANGUAGE list ("es:en"), else the language of the first
/// of LC_ALL, LC_MESSAGES, LANG that is set and not empty (read through
/// `getenv`), else none.
std::vector<std::string> preferred_languages(const std::string& option,
                                             const std::function<const char*(const char*)>& getenv);

/// "" when `option` is empty or one of `course`'s languages; else the
/// one-line usage error to print.
std::string unknown_language(const Course& course, const std::string& option);

}  // namespace grader
