#pragma once
// A course text (a title, description or hint) in the languages the course is
// taught in: one string when it has one language, else a map of them:
//
//   hint:
//     en: Loop on write() until every byte is written.
//     es: Repite write() hasta escribir todos los bytes.
//
// The loader keeps one language of each, the one chosen for this run; a text
// that lacks one of the course's languages is noted, for `grader validate`.

#include <optional>
#include <string>
#include <vector>

#include "config/yaml_map_reader.hpp"

namespace grader {

/// The languages of a course's texts and the one to read.
struct TextLanguages {
  std::vector<std::string> required{"en"};  ///< every text is in each (the course's `languages:`)
  std::string chosen = "en";                ///< the one this run reads
};

/// The text of `key` in `languages.chosen`, else in the first required
/// language it has; nullopt when `key` is absent. A plain string is the first
/// required language's text. Each required language the text lacks is added to
/// `missing` as "FILE:LINE:COL: 'hint' has no 'es' text". Throws ConfigError
/// for an empty text or a language the course does not list.
std::optional<std::string> read_localized(const YamlMapReader& map, const std::string& key,
                                          const TextLanguages& languages,
                                          std::vector<std::string>& missing);

}  // namespace grader
