#pragma once
// The language the grader speaks before its command line is parsed: for
// CLI11's help and usage errors, and for errors finding or reading the course.
// The same rules as language_choice (--lang, the locale, the course), read
// from the raw arguments and without failing: a command that loads the
// course decides again afterwards, with its own default (load_context).

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace grader {

/// The value of `NAME VALUE` or `NAME=VALUE` in `args` (the command line
/// without the program's name): the first one given; nullopt when it is
/// absent, has no value, or comes only after "--" (CLI11 reads what follows
/// as positionals).
std::optional<std::string> option_value(const std::vector<std::string>& args,
                                        const std::string& name);

/// The language --lang names ("es" for `--lang es` or `--lang=es`); nullopt
/// when --lang is absent or its value is not a language code ("", "C", "e s").
std::optional<std::string> lang_argument(const std::vector<std::string>& args);

/// The language (`language:`, else the first of `languages:`) that the
/// assignments.yaml of the course found from `start`, walking up, declares;
/// nullopt when there is no course or its file cannot be read. Never throws.
std::optional<std::string> declared_course_language(const std::filesystem::path& start);

/// The languages to try before parsing, best first: --lang's when it names
/// one, else the `locale`'s (preferred_languages), else `course()`'s (called
/// only then); always ending with "en", which needs no catalog.
std::vector<std::string> startup_languages(
    const std::vector<std::string>& args, const std::vector<std::string>& locale,
    const std::function<std::optional<std::string>()>& course);

}  // namespace grader
