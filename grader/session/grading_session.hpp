#pragma once
// One grading, start to finish: plan and build a submission's exercises in
// its workspace, plan and run the selected tests, score them.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "compile/builder.hpp"
#include "compile/compiler_cache.hpp"
#include "exec/process_runner.hpp"
#include "model/course.hpp"
#include "model/grade_report.hpp"
#include "plan/build_plan.hpp"
#include "plan/run_plan.hpp"
#include "run/pool.hpp"
#include "run/runner.hpp"
#include "sandbox/sandbox.hpp"
#include "session/session_files.hpp"
#include "workspace/kit.hpp"
#include "workspace/submission.hpp"

namespace grader {

/// Progress messages ("building pipe_ping_pong", "running .../wire_format").
using ProgressSink = std::function<void(const std::string&)>;

struct GradingRequest {
  Submission submission;
  Selection selection;
  /// Where the workspace lives; when unset, derived from the submission.
  std::optional<Workspace> workspace;
  /// Tests run at once (run/pool.hpp); exclusive tests always alone.
  int jobs = 1;
};

class GradingSession {
 public:
  /// Builds and runs through `runner` in `sandbox`; asks `files` whether the
  /// kit's programs and the student's files are there.
  GradingSession(const Course& course, Kit kit, ipclab::exec::ProcessRunner& runner,
                 Toolchain toolchain, std::filesystem::path work_dir,
                 Sandbox sandbox = Sandbox::process_only(),
                 SessionFiles files = SessionFiles::real());

  /// Grades one submission. Throws GraderError when the grader cannot do its
  /// job (workspace, kit); a student's failures are outcomes in the report.
  /// With `timeline`, stores there when each test run started and ended.
  /// Safe to call from several threads at once for different workspaces.
  GradeReport grade(const GradingRequest& request, const ProgressSink& progress = {},
                    std::vector<RunSpan>* timeline = nullptr);

  /// The isolation the builds and runs get, as every report names it.
  std::string sandbox() const { return sandbox_.description(); }
  /// True when that isolation is only advisory: nothing stops a hostile
  /// submission from reaching the rest of the machine.
  bool isolation_is_advisory() const { return sandbox_.advisory(); }
  /// From now on, builds compile through `cache`.
  void use_compiler_cache(CompilerCache cache) { toolchain_.compiler_cache = std::move(cache); }
  /// See Sandbox::tests_cannot_write_grader_files().
  bool tests_cannot_write_grader_files() const {
    return sandbox_.tests_cannot_write_grader_files();
  }

 private:
  void check_kit(const std::vector<std::string>& exercise_ids) const;

  const Course& course_;
  Kit kit_;
  ipclab::exec::ProcessRunner& runner_;
  Toolchain toolchain_;
  std::filesystem::path work_dir_;
  std::string run_id_;
  /// Numbers every trial of every grade() (RunContext::trial_numbers):
  /// gradings running at once never share an IPC prefix.
  std::shared_ptr<std::atomic<int>> trial_numbers_ = std::make_shared<std::atomic<int>>(0);
  Sandbox sandbox_;
  SessionFiles files_;
};

}  // namespace grader
