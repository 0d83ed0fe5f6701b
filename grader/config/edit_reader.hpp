#pragma once
// The `edits:` list of a mistake.yaml (and of a mutant or an e2e submission):
//
//   edits:
//     - file: ping_pong.cpp
//       find: "htonl(size)"      # occurs exactly once in the model answer
//       replace: "size"
//
// Each edit is checked against the model answer's file when read, so a model
// answer that changes under an edit is a ConfigError at that edit.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "config/yaml_map_reader.hpp"
#include "model/source_edit.hpp"

namespace grader {

/// The files the edits apply to: student file name -> its content.
using SourceFiles = std::map<std::string, std::string>;

/// The content of each of `names` in `folder`. Throws ConfigError naming a
/// file that cannot be read.
SourceFiles read_source_files(const std::filesystem::path& folder,
                              const std::vector<std::string>& names);

/// The `key` list of `map` as edits of `base`, each applied (in order) to
/// the result of the ones before. Throws ConfigError at the item for an item
/// that is not {file, find, replace}, a file not in `base`, or a find that
/// does not occur exactly once.
std::vector<SourceEdit> read_edits(const YamlMapReader& map, const std::string& key,
                                   const SourceFiles& base);

}  // namespace grader
