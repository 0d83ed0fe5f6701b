#pragma once
// A command to run, as data: what a dry run prints and what tests compare.

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

struct Command {
  std::vector<std::string> argv;  ///< argv[0] is the program
  std::filesystem::path cwd;      ///< empty: the grader's own

  /// A shell-quoted single line, for messages and rerun hints.
  std::string to_shell() const;
};

/// Quotes `word` for a POSIX shell when it needs it.
std::string shell_quote(const std::string& word);

}  // namespace grader
