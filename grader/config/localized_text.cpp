#include "config/localized_text.hpp"

#include <fmt/format.h>

#include "config/config_error.hpp"

namespace grader {
namespace {

/// "FILE:LINE:COL: MESSAGE", as every configuration error reads.
std::string located(const SourceLocation& where, const std::string& message) {
  return ConfigError(where, message).what();
}

/// The map form: {language: text}, each language one the course lists.
std::optional<std::string> read_map(const YamlMapReader& map, const std::string& key,
                                    const TextLanguages& languages,
                                    std::vector<std::string>& missing) {
  const MapShape shape{"'" + key + "'", languages.required, {}};
  const YamlMapReader texts = *map.map(key, shape);
  std::optional<std::string> chosen;
  std::optional<std::string> fallback;
  for (const std::string& language : languages.required) {
    std::optional<std::string> text = texts.string(language);
    if (text && text->empty())
      texts.fail(language, fmt::format("'{}' must not be empty", language));
    if (!text) {
      missing.push_back(
          located(map.where(key), fmt::format("'{}' has no '{}' text", key, language)));
    } else if (language == languages.chosen) {
      chosen = text;
    } else if (!fallback) {
      fallback = text;
    }
  }
  if (chosen) return chosen;
  return fallback;
}

}  // namespace

std::optional<std::string> read_localized(const YamlMapReader& map, const std::string& key,
                                          const TextLanguages& languages,
                                          std::vector<std::string>& missing) {
  if (!map.has(key)) return std::nullopt;
  if (map.holds_map(key)) return read_map(map, key, languages, missing);
  std::string text = *map.string(key);
  if (text.empty()) map.fail(key, fmt::format("'{}' must not be empty", key));
  for (std::size_t i = 1; i < languages.required.size(); ++i) {
    missing.push_back(
        located(map.where(key), fmt::format("'{}' has no '{}' text", key, languages.required[i])));
  }
  return text;
}

}  // namespace grader
