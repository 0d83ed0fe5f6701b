#include "session/grading_session.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "score/scorer.hpp"

namespace grader {

using ipclab::i18n::tr;

namespace fs = std::filesystem;

GradingSession::GradingSession(const Course& course, Kit kit, ipclab::exec::ProcessRunner& runner,
                               Toolchain toolchain, fs::path work_dir, Sandbox sandbox,
                               SessionFiles files)
    : course_(course),
      kit_(std::move(kit)),
      runner_(runner),
      toolchain_(std::move(toolchain)),
      work_dir_(std::move(work_dir)),
      run_id_("g" + std::to_string(::getpid())),
      sandbox_(std::move(sandbox)),
      files_(std::move(files)) {}

void GradingSession::check_kit(const std::vector<std::string>& exercise_ids) const {
  for (const std::string& id : exercise_ids) {
    for (const fs::path& program : {kit_.harness(id), kit_.reference(id)}) {
      if (!files_.executable(program)) {
        throw GraderError(
            fmt::format(fmt::runtime(tr("the kit has no {} (looked in {}): rebuild the project")),
                        program.filename().string(), kit_.dir.string()));
      }
    }
  }
}

GradeReport GradingSession::grade(const GradingRequest& request, const ProgressSink& progress,
                                  std::vector<RunSpan>* timeline) {
  auto say = [&](const std::string& text) {
    if (progress) progress(text);
  };
  Workspace workspace = request.workspace.value_or(workspace_for(request.submission, work_dir_));
  BuildPlan build_plan = plan_build(course_, request.submission, workspace, request.selection,
                                    toolchain_, files_.student_file_present);
  std::vector<std::string> built_ids;
  for (const ExerciseBuild& exercise : build_plan.exercises)
    built_ids.push_back(exercise.exercise_id);
  check_kit(built_ids);

  say("building " + std::to_string(built_ids.size()) + " exercise(s) in " + workspace.dir.string());
  Builder builder(runner_, build_environment(), {}, sandbox_);
  std::vector<BuildResult> builds = builder.build(build_plan, course_.root.string());

  RunPlan run_plan = plan_runs(course_, request.selection, builds, kit_);
  TestRunner tests(runner_, {run_id_, workspace.runs(), {}, sandbox_, trial_numbers_.get()});
  const std::size_t total = run_plan.runs.size();
  PoolResult ran = run_pool(
      run_plan.runs, request.jobs, [&](const TestRun& run) { return tests.run(run); },
      [&](const TestRun& run, std::size_t started) {
        say("[" + std::to_string(started) + "/" + std::to_string(total) + "] " + run.exercise_id +
            "/" + run.test_id);
      });
  std::vector<TestResult> results = run_plan.not_runnable;
  results.insert(results.end(), ran.results.begin(), ran.results.end());
  if (timeline != nullptr) *timeline = std::move(ran.spans);
  return score(course_, request.selection, builds, results, {request.submission.label, sandbox()});
}

}  // namespace grader
