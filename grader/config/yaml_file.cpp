#include "config/yaml_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "config/config_error.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"

namespace grader {

using ipclab::i18n::tr;

YAML::Node parse_yaml(std::string_view text, const std::string& display_name) {
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    // yaml-cpp counts lines and columns from 0.
    throw ConfigError({display_name, error.mark.line + 1, error.mark.column + 1},
                      fmt::format(fmt::runtime(tr("invalid YAML: {}")), error.msg));
  }
  if (document.IsNull()) throw ConfigError({display_name}, tr("the file is empty"));
  return document;
}

YAML::Node load_yaml_file(const std::filesystem::path& path, const std::string& display_name) {
  if (!std::filesystem::exists(path)) throw ConfigError({path.string()}, tr("not found"));
  std::optional<std::string> text = ipclab::host::read_file(path);
  if (!text) throw ConfigError({path.string()}, tr("cannot be read"));
  return parse_yaml(*text, display_name);
}

}  // namespace grader
