#include "build/diagnostics.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

namespace grader {
namespace {

std::string shown_path(const std::string& path, const std::map<std::string, std::string>& names,
                       const std::string& course_root) {
  if (auto it = names.find(path); it != names.end()) return it->second;
  std::string root =
      course_root.empty() || course_root.back() == '/' ? course_root : course_root + "/";
  if (!root.empty() && path.rfind(root, 0) == 0) return path.substr(root.size());
  return path;
}

std::optional<Diagnostic> parse_compiler_line(const std::string& line) {
  static const std::regex pattern(R"(^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  std::string severity = match[4] == "fatal error" ? "error" : match[4].str();
  return Diagnostic{match[1], std::stoi(match[2]), std::stoi(match[3]), severity, match[5]};
}

/// The linker's "undefined reference" lines, with the place when it has one:
///   /usr/bin/ld: x.o: in function `main':
///   /submission/src/pipe/x.cpp:12: undefined reference to `f()'
/// (the place on a line of its own, as GNU ld prints it), or on the ld line
/// ("/usr/bin/ld: /path/x.cpp:12: undefined reference ..."), or none
/// ("/usr/bin/ld: x.cpp:(.text+0x1f): undefined reference ...").
std::optional<Diagnostic> parse_linker_line(const std::string& line) {
  static const std::regex with_place(
      R"(^(?:.*?ld: (?:.*?: )?)?((?:/|\.\./)[^:]+):(\d+):? (undefined reference to .*)$)");
  static const std::regex without_place(R"(^.*?ld: .*?: (undefined reference to .*)$)");
  std::smatch match;
  if (std::regex_match(line, match, with_place)) {
    return Diagnostic{match[1], std::stoi(match[2]), 0, "error", match[3]};
  }
  if (std::regex_match(line, match, without_place)) return Diagnostic{"", 0, 0, "error", match[1]};
  return std::nullopt;
}

}  // namespace

std::vector<Diagnostic> parse_diagnostics(const std::string& output,
                                          const std::map<std::string, std::string>& display_names,
                                          const std::string& course_root, std::size_t limit) {
  std::vector<Diagnostic> found;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::optional<Diagnostic> d = parse_compiler_line(line);
    if (!d) d = parse_linker_line(line);
    if (!d) continue;
    if (!d->file.empty()) d->file = shown_path(d->file, display_names, course_root);
    bool duplicate = std::any_of(found.begin(), found.end(), [&](const Diagnostic& seen) {
      return seen.file == d->file && seen.line == d->line && seen.message == d->message;
    });
    if (!duplicate) found.push_back(std::move(*d));
  }
  std::stable_partition(found.begin(), found.end(),
                        [](const Diagnostic& d) { return d.severity == "error"; });
  if (found.size() > limit) found.resize(limit);
  return found;
}

}  // namespace grader
