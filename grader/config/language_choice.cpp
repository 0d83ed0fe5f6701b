#include "config/language_choice.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "i18n/messages.hpp"

namespace grader {

std::optional<std::string> language_of_locale(const std::string& locale) {
  const std::string code = locale.substr(0, locale.find_first_of("_.@"));
  const bool letters =
      code.size() >= 2 && code.size() <= 3 &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!letters) return std::nullopt;  // "C", "POSIX", "C.UTF-8", ""
  return code;
}

std::vector<std::string> preferred_languages(
    const std::string& option, const std::function<const char*(const char*)>& getenv) {
  if (!option.empty()) return {option};
  // GNU's LANGUAGE (a priority list, "es:en") first, as gettext reads it.
  if (const char* list = getenv("LANGUAGE"); list != nullptr && *list != '\0') {
    std::vector<std::string> languages;
    std::string text = list;
    for (std::size_t start = 0; start <= text.size();) {
      std::size_t end = std::min(text.find(':', start), text.size());
      if (auto language = language_of_locale(text.substr(start, end - start)))
        languages.push_back(*language);
      start = end + 1;
    }
    if (!languages.empty()) return languages;
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = getenv(name);
    if (value == nullptr || *value == '\0') continue;
    std::optional<std::string> language = language_of_locale(value);
    if (language) return {*language};
    return {};  // POSIX: the first one set decides, even "C"
  }
  return {};
}

std::string unknown_language(const Course& course, const std::string& option) {
  const std::vector<std::string>& all = course.languages;
  if (option.empty() || std::find(all.begin(), all.end(), option) != all.end()) return "";
  return fmt::format(
      fmt::runtime(ipclab::i18n::tr("'{}' is not a language of this course: pass one of {} "
                                    "(assignments.yaml 'languages:')")),
      option, fmt::join(all, ", "));
}

}  // namespace grader
