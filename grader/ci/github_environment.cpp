#include "ci/github_environment.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include "model/grader_error.hpp"

namespace grader {

GithubEnvironment github_environment(const std::function<const char*(const char*)>& getenv) {
  auto path = [&](const char* name) -> std::optional<std::filesystem::path> {
    const char* value = getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::filesystem::path(value);
  };
  const char* actions = getenv("GITHUB_ACTIONS");
  return {actions != nullptr && std::string(actions) == "true", path("GITHUB_STEP_SUMMARY"),
          path("GITHUB_OUTPUT")};
}

void append_to_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << text;
  out.flush();
  if (!out) throw GraderError("cannot append to " + file.string() + " (check the path and space)");
}

std::string unguessable_token() {
  std::random_device device;  // /dev/urandom: the student's code cannot predict it
  return fmt::format("ipclab-{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

std::string stop_commands(const std::string& token) {
  return "::stop-commands::" + token + "\n";
}

std::string resume_commands(const std::string& token) {
  return "::" + token + "::\n";
}

std::string escape_command_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_command_property(const std::string& text) {
  std::string out;
  for (char c : escape_command_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace grader
