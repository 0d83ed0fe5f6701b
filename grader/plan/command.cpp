#include "plan/command.hpp"

namespace grader {

std::string shell_quote(const std::string& word) {
  bool plain = !word.empty();
  for (char c : word) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) ||
                std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
    plain = plain && safe;
  }
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string Command::to_shell() const {
  std::string line;
  if (!cwd.empty()) line = "cd " + shell_quote(cwd.string()) + " && ";
  for (std::size_t i = 0; i < argv.size(); ++i)
    line += (i ? " " : "") + shell_quote(argv[i]);
  return line;
}

}  // namespace grader
