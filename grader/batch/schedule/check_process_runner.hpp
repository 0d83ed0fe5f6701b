#pragma once
// The real PhaseRunner: each phase of each student is graded by a child
// `grader check --submission <staged files> --hidden --json <file>`, in its
// own session. Whatever happens to it (a crash, a hang, a grader error) costs
// only that student, and stopping the batch stops it and its whole tree.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "batch/schedule/batch_scheduler.hpp"
#include "model/course.hpp"

namespace grader {

struct CheckInvocation {
  std::filesystem::path grader;      ///< the grader binary
  std::filesystem::path course_dir;  ///< --course
  std::filesystem::path work_dir;    ///< --work-dir: the students' workspaces live there
  bool allow_advisory = false;
  std::string sandbox = "auto";  ///< --sandbox
  /// --lang: the batch's own language, so that the child's texts (course
  /// texts, messages) are in the language of the batch's outputs, whatever
  /// the locale the child inherits; empty: none passed.
  std::string lang;
  std::vector<std::string> environment;  ///< "NAME=value", passed to the child
  std::filesystem::path compiler_cache;  ///< --compiler-cache; empty: none
  /// Time for everything but the tests (configure, build) in one phase.
  std::chrono::seconds build_allowance{900};
};

class CheckProcessRunner : public PhaseRunner {
 public:
  /// `staged_dir(student)` is the folder holding that student's files.
  CheckProcessRunner(const Course& course, CheckInvocation invocation,
                     std::function<std::filesystem::path(const std::string&)> staged_dir,
                     const std::atomic<bool>& stop);

  GradeReport run(const std::string& student, const GradingPhase& phase) override;

  /// The arguments of the child grader for `phase` (after the binary).
  std::vector<std::string> arguments(const std::string& student, const GradingPhase& phase,
                                     const std::filesystem::path& json_file) const;

  /// How long the child may take: the build allowance plus every selected
  /// test's timeout times its trials.
  std::chrono::milliseconds deadline(const GradingPhase& phase) const;

 private:
  const Course& course_;
  CheckInvocation invocation_;
  std::function<std::filesystem::path(const std::string&)> staged_dir_;
  const std::atomic<bool>& stop_;
};

}  // namespace grader
