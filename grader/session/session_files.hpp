#pragma once
// What GradingSession asks the file system itself, as a seam: whether a kit
// program can be run, and whether a student file is there. The real answers
// come from the file system; unit tests give their own.

#include <filesystem>
#include <functional>

namespace grader {

struct SessionFiles {
  /// True when `program` (a kit harness or reference driver) can be run.
  std::function<bool(const std::filesystem::path& program)> executable;
  /// True when a student file is at `path` (plan_build's question).
  std::function<bool(const std::filesystem::path& path)> student_file_present;

  /// The file system's answers: access(X_OK) and student_file_present().
  static SessionFiles real();
};

}  // namespace grader
