#include "config/yaml_file.hpp"

#include <fstream>
#include <iterator>

#include "config/config_error.hpp"
#include "host/file_contents.hpp"

namespace grader {

YAML::Node parse_yaml(std::string_view text, const std::string& display_name) {
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    // yaml-cpp counts lines and columns from 0.
    throw ConfigError({display_name, error.mark.line + 1, error.mark.column + 1},
                      "invalid YAML: " + error.msg);
  }
  if (document.IsNull()) throw ConfigError({display_name}, "the file is empty");
  return document;
}

YAML::Node load_yaml_file(const std::filesystem::path& path, const std::string& display_name) {
  if (!std::filesystem::exists(path)) throw ConfigError({path.string()}, "not found");
  std::optional<std::string> text = ipclab::host::read_file(path);
  if (!text) throw ConfigError({path.string()}, "cannot be read");
  return parse_yaml(*text, display_name);
}

}  // namespace grader
