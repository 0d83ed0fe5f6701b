#pragma once
// A workspace: where the grader builds and runs one submission. Configured
// once; later builds only recompile what changed.
//
//   <dir>/manifest.cmake   the student files per exercise (written by the plan)
//   <dir>/src/<id>/...     copies of a submission's student files (folders only)
//   <dir>/build/           the CMake build tree; drivers are <id>_student
//                          (and <id>_student_asan, built only when a test asks)
//   <dir>/runs/            private working folders of test runs

#include <filesystem>
#include <string>

#include "workspace/submission.hpp"

namespace grader {

struct Workspace {
  std::filesystem::path dir;

  std::filesystem::path manifest() const { return dir / "manifest.cmake"; }
  std::filesystem::path sources() const { return dir / "src"; }
  std::filesystem::path build_dir() const { return dir / "build"; }
  std::filesystem::path runs() const { return dir / "runs"; }
  std::filesystem::path driver(const std::string& exercise_id) const {
    return build_dir() / (exercise_id + "_student");
  }
  /// The AddressSanitizer + UBSan build of the same driver.
  std::filesystem::path sanitized_driver(const std::string& exercise_id) const {
    return build_dir() / (exercise_id + "_student_asan");
  }
};

/// The workspace for `submission` under `work_dir`: "working-copy" for the
/// working copy, "<folder name>-<hash of its path>" for a folder, so two
/// submissions never share one.
Workspace workspace_for(const Submission& submission, const std::filesystem::path& work_dir);

}  // namespace grader
