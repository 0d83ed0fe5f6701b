#include "host/program_search.hpp"

#include <unistd.h>

#include <cstdlib>

namespace ipclab::host {

std::string search_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "/usr/bin:/bin";
}

std::optional<std::filesystem::path> find_program(const std::string& name,
                                                  const std::string& folders) {
  for (std::size_t start = 0; start < folders.size();) {
    std::size_t end = folders.find(':', start);
    if (end == std::string::npos) end = folders.size();
    std::filesystem::path candidate =
        std::filesystem::path(folders.substr(start, end - start)) / name;
    std::error_code ec;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0)
      return std::filesystem::absolute(candidate, ec);
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace ipclab::host
