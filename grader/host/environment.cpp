#include "host/environment.hpp"

#include <cstdlib>

extern char** environ;

namespace ipclab::host {

std::vector<std::string> current_environment() {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry)
    env.emplace_back(*entry);
  return env;
}

std::vector<std::string> inherited_environment(std::initializer_list<const char*> names) {
  std::vector<std::string> env;
  for (const char* name : names) {
    if (const char* value = std::getenv(name)) env.push_back(std::string(name) + "=" + value);
  }
  return env;
}

}  // namespace ipclab::host
