#include "config/edit_reader.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "config/config_error.hpp"
#include "config/printable.hpp"
#include "config/suggest.hpp"
#include "host/file_contents.hpp"

namespace grader {
namespace {

const MapShape kEditShape{"the edit", {"file", "find", "replace"}, {"file", "find", "replace"}};

std::vector<std::string> names_of(const SourceFiles& files) {
  std::vector<std::string> names;
  for (const auto& [name, text] : files)
    names.push_back(name);
  return names;
}

SourceEdit read_edit(const YamlMapReader& item, const SourceFiles& base) {
  SourceEdit edit{*item.string("file"), *item.string("find"), *item.string("replace")};
  if (!base.contains(edit.file)) {
    item.fail("file", fmt::format("{} is not a student file of this exercise{}", quote(edit.file),
                                  alternatives(edit.file, names_of(base), "files")));
  }
  if (edit.find.empty()) item.fail("find", "'find' must not be empty");
  return edit;
}

}  // namespace

SourceFiles read_source_files(const std::filesystem::path& folder,
                              const std::vector<std::string>& names) {
  SourceFiles files;
  for (const std::string& name : names) {
    std::optional<std::string> text = ipclab::host::read_file(folder / name);
    if (!text) throw ConfigError({(folder / name).string()}, "cannot read the model answer's file");
    files[name] = std::move(*text);
  }
  return files;
}

std::vector<SourceEdit> read_edits(const YamlMapReader& map, const std::string& key,
                                   const SourceFiles& base) {
  std::vector<SourceEdit> edits;
  SourceFiles current = base;
  const std::optional<YAML::Node> list = map.list(key);  // kept: the loop reads into it
  for (const YAML::Node& node : *list) {
    YamlMapReader item(node, kEditShape, map.file());
    SourceEdit edit = read_edit(item, current);
    try {
      current[edit.file] = apply_edit(current[edit.file], edit);
    } catch (const EditError& error) {
      item.fail("find", error.what());
    }
    edits.push_back(std::move(edit));
  }
  return edits;
}

}  // namespace grader
