#include "ipclab/names.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace ipclab {

std::string name_prefix() {
  if (const char* prefix = std::getenv("IPCLAB_PREFIX"); prefix != nullptr && *prefix != '\0') {
    return prefix;
  }
  return "ipclab_" + std::to_string(::getpid()) + "_";
}

std::string unique_name(std::string_view stem) {
  static std::atomic<unsigned> counter{0};
  bool valid = !stem.empty() && stem.size() <= 64;
  for (char c : stem)
    valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!valid) {
    throw std::invalid_argument("unique_name: stem must be 1-64 letters, digits or '_', got '" +
                                std::string(stem) + "'");
  }
  // The pid keeps names apart across fork(): a child inherits the counter.
  return name_prefix() + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::string(stem);
}

}  // namespace ipclab
