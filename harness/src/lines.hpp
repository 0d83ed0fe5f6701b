#pragma once
// Tool output (eu-stack, gdb, a sanitizer's report) as lines to match.

#include <sstream>
#include <string>
#include <vector>

namespace ipclab::harness {

/// `text`'s lines, each without its trailing spaces and '\r': a pattern
/// anchored at the end ("...$") matches what a tool padded.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace ipclab::harness
