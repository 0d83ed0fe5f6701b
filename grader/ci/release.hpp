#pragma once
// `grader release`: the student-facing repository of a course. It holds what a
// student needs to work and to be graded by CI -- the statements, stubs and
// provided files, the support library, the grader and the kit sources (the
// visible harness tests and the reference implementations they pair student
// code with), the workflow -- and none of the instructor's material: no model
// answers (solutions/), no hidden tests (hidden_*), no mistakes corpus, no
// grader self-tests.

#include <filesystem>
#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// The course's paths (relative, '/'-separated) that a release copies: only
/// these folders and files, and never a hidden_* file under tests/.
bool released(const std::string& relative_path);

struct ReleaseSummary {
  std::vector<std::string> files;  ///< written, relative to the release folder, sorted
  int hidden_tests_removed = 0;
};

/// Writes the release of `course` into `dest`, which must be empty or absent:
/// the released files, assignments.yaml without hidden tests, the workflow
/// `workflow_template` as .github/workflows/grade.yml, and an empty
/// CMakeLists.txt in each folder the top CMakeLists.txt adds but the release
/// leaves out (tests/grader, benchmarks), so the release configures.
/// Throws ConfigError when `dest` is not empty or lies inside a released folder,
/// GraderError when a file cannot be written.
ReleaseSummary write_release(const Course& course, const std::filesystem::path& dest,
                             const std::filesystem::path& workflow_template);

}  // namespace grader
