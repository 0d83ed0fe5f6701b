#pragma once
// A mistake in the course's configuration (assignments.yaml, a mistake.yaml,
// a file they name): a usage error, caught once, in main(): exit code 2.

#include <stdexcept>
#include <string>
#include <utility>

#include "config/printable.hpp"
#include "model/course.hpp"
#include "model/usage_error.hpp"

namespace grader {

class ConfigError : public UsageError {
 public:
  /// what() is "FILE:LINE:COL: MESSAGE", or "FILE: MESSAGE" when the line is
  /// unknown (0): a missing file, a misplaced file in a folder.
  ConfigError(SourceLocation where, std::string message)
      : UsageError(format(where, message)),
        where_(std::move(where)),
        message_(std::move(message)) {}

  /// Where the offending key, value or file is; line and column are 1-based.
  const SourceLocation& where() const { return where_; }

  /// The message without the location.
  const std::string& message() const { return message_; }

 private:
  // Printable whatever a message quotes: a file's bytes never reach the
  // terminal raw (printable() leaves an already printable text as it is).
  static std::string format(const SourceLocation& where, const std::string& message) {
    if (where.line <= 0) return printable(where.file + ": " + message);
    std::string column = where.column > 0 ? ":" + std::to_string(where.column) : "";
    return printable(where.file + ":" + std::to_string(where.line) + column + ": " + message);
  }

  SourceLocation where_;
  std::string message_;
};

}  // namespace grader
