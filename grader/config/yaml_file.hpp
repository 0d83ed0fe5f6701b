#pragma once
// Reading a YAML document (assignments.yaml, a mistake.yaml) with every
// failure -- a missing file, a syntax error, an empty file -- as a ConfigError.

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace grader {

/// The document in `text`, never null. Throws ConfigError at yaml-cpp's mark
/// ("FILE:LINE:COL: invalid YAML: ...") for a syntax error, and
/// "FILE: the file is empty" for a document without content. FILE is
/// `display_name`.
YAML::Node parse_yaml(std::string_view text, const std::string& display_name);

/// The document in the file at `path`, as parse_yaml. Throws ConfigError
/// "PATH: not found" or "PATH: cannot be read", naming `path` as given.
YAML::Node load_yaml_file(const std::filesystem::path& path, const std::string& display_name);

}  // namespace grader
