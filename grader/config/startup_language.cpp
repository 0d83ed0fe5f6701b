#include "config/startup_language.hpp"

#include <yaml-cpp/yaml.h>

#include "config/language_choice.hpp"
#include "workspace/kit.hpp"

namespace grader {

std::optional<std::string> option_value(const std::vector<std::string>& args,
                                        const std::string& name) {
  for (std::size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
    if (args[i].rfind(name + "=", 0) == 0) return args[i].substr(name.size() + 1);
    if (args[i] == name) {
      if (i + 1 < args.size() && args[i + 1] != "--") return args[i + 1];
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<std::string> lang_argument(const std::vector<std::string>& args) {
  std::optional<std::string> value = option_value(args, "--lang");
  if (!value || language_of_locale(*value) != *value) return std::nullopt;
  return value;
}

std::optional<std::string> declared_course_language(const std::filesystem::path& start) {
  try {
    const YAML::Node course =
        YAML::LoadFile((find_course_root(start) / "assignments.yaml").string());
    std::string language;
    if (course["language"] && course["language"].IsScalar()) {
      language = course["language"].Scalar();
    } else if (course["languages"] && course["languages"].IsSequence() &&
               course["languages"].size() > 0 && course["languages"][0].IsScalar()) {
      language = course["languages"][0].Scalar();
    }
    if (language_of_locale(language) == language) return language;
  } catch (const std::exception&) {  // no course, an unreadable or broken file: no language
  }
  return std::nullopt;
}

std::vector<std::string> startup_languages(
    const std::vector<std::string>& args, const std::vector<std::string>& locale,
    const std::function<std::optional<std::string>()>& course) {
  std::vector<std::string> languages;
  if (std::optional<std::string> option = lang_argument(args)) {
    languages.push_back(*option);
  } else if (!locale.empty()) {
    languages = locale;
  } else if (std::optional<std::string> declared = course()) {
    languages.push_back(*declared);
  }
  languages.push_back("en");
  return languages;
}

}  // namespace grader
