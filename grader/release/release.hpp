#pragma once
// `grader release`: the student-facing repository of a course. It holds what a
// student needs to work and to be graded by CI -- the statements, stubs and
// provided files, the support library, the grader, the kit as prebuilt
// programs (the reference drivers the visible tests pair student code with,
// and the visible-only harnesses: release_kit.hpp), the workflow -- and none
// of the instructor's material: no model answers (solutions/), no reference
// or harness sources, no hidden tests, no mistakes corpus, no grader
// self-tests.

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

/// Throws ConfigError when `dest` is not empty or lies inside a folder the
/// release copies (it would copy itself).
void check_release_destination(const Course& course, const std::filesystem::path& dest);

/// Writes the release of `course` into `dest`, which must be empty or absent:
/// the released files, the prebuilt kit from `kit_dir` (a built
/// ipclab_release_kit) in reference/bin/, assignments.yaml without hidden
/// tests, each of `workflows` in .github/workflows/ (same file name), and an empty
/// CMakeLists.txt in each folder the top CMakeLists.txt adds but the release
/// leaves out (tests/grader, tests/exercises, benchmarks), so the release configures.
/// Throws ConfigError when `dest` is not empty or lies inside a released folder,
/// GraderError when a file cannot be written or a kit program is missing.
ReleaseSummary write_release(const Course& course, const std::filesystem::path& dest,
                             const std::vector<std::filesystem::path>& workflows,
                             const std::filesystem::path& kit_dir);

}  // namespace grader
