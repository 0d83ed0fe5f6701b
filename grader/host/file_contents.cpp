#include "host/file_contents.hpp"

#include <fstream>
#include <sstream>

namespace ipclab::host {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  // A folder opens like a file, and reading it fails without telling `in`.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  // An empty file inserts nothing, which marks `text` failed: only `in` tells.
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

}  // namespace ipclab::host
