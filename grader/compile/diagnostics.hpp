#pragma once
// Compiler and linker output turned into diagnostics a student can act on.

#include <map>
#include <string>
#include <vector>

#include "model/results.hpp"

namespace grader {

/// Parses GCC/Clang lines "file:line:col: error: message" and linker
/// "undefined reference" lines. Paths found in `display_names` are replaced by
/// the student's names for them; paths under `course_root` are shown relative
/// to it. Keeps at most `limit` diagnostics, errors first, in order.
std::vector<Diagnostic> parse_diagnostics(const std::string& output,
                                          const std::map<std::string, std::string>& display_names,
                                          const std::string& course_root, std::size_t limit = 50);

}  // namespace grader
