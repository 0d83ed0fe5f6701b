#include "run/test_runner.hpp"

#include <fmt/format.h>

#include "model/grader_error.hpp"
#include "run/trial_interpreter.hpp"

namespace grader {

namespace fs = std::filesystem;

TestRunner::TestRunner(ipclab::exec::ProcessRunner& runner, RunContext context)
    : runner_(runner), context_(std::move(context)) {}

ipclab::exec::ProcessSpec TestRunner::harness_spec(const TestRun& run, const fs::path& dir,
                                                   const std::string& prefix) const {
  ipclab::exec::ProcessSpec spec;
  spec.executable = run.harness;
  spec.args = {"--gtest_filter=" + run.exercise_id + "." + run.test_id, "--gtest_brief=1"};
  spec.env = {"PATH=/usr/bin:/bin",
              "LANG=C.UTF-8",
              "HOME=" + dir.string(),
              "TMPDIR=" + dir.string(),
              "IPCLAB_PREFIX=" + prefix,
              "IPCLAB_RESULT_FD=" + std::to_string(kResultFd),
              "IPCLAB_STUDENT_DRIVER=" + run.student_driver.string(),
              "IPCLAB_REFERENCE_DRIVER=" + run.reference_driver.string()};
  spec.working_dir = dir;
  spec.subreaper = true;  // escaped grandchildren stay in the test's tree
  spec.env.insert(spec.env.end(), run.environment.begin(), run.environment.end());
  spec.limits.cpu_time = run.limits.cpu_time;
  // ASan cannot start under RLIMIT_AS; its options carry the memory limit.
  if (!run.sanitized) spec.limits.address_space_bytes = run.limits.memory_bytes;
  spec.limits.file_size_bytes = run.limits.file_size_bytes;
  spec.limits.open_files = run.limits.open_files;
  spec.limits.processes = run.limits.processes;
  return spec;
}

TrialResult TestRunner::run_trial(const TestRun& run, int trial) {
  const std::string prefix = fmt::format("ipclab_{}_{}_", context_.run_id, ++sequence_);
  const fs::path dir =
      context_.scratch_root / fmt::format("{}.{}.{}", run.exercise_id, run.test_id, trial);
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) throw GraderError("cannot create the run folder " + dir.string() + ": " + ec.message());

  ipclab::exec::RunOptions options;
  options.wall_time = run.limits.timeout;
  options.output_cap_bytes = run.limits.output_bytes;
  options.capture_fds = {kResultFd};
  TrialResult result;
  try {
    ipclab::exec::ProcessResult process = runner_.run(harness_spec(run, dir, prefix), options);
    result = interpret_trial(process, run.exercise_id + "." + run.test_id, run.limits);
  } catch (const ipclab::exec::SpawnError& e) {
    result = {Outcome::unresolved, e.what(), {}, {}};
  }
  for (const std::string& leak : ipclab::exec::sweep_ipc(prefix, context_.ipc)) {
    result.notes.push_back("left behind (removed): " + leak);
  }
  fs::remove_all(dir, ec);
  return result;
}

TestResult TestRunner::run(const TestRun& run) {
  TestResult result;
  result.exercise_id = run.exercise_id;
  result.test_id = run.test_id;
  result.trials_planned = run.trials;
  result.rerun = run.rerun.to_shell();
  for (int trial = 1; trial <= run.trials; ++trial) {
    result.trials.push_back(run_trial(run, trial));
    if (result.trials.back().outcome == Outcome::timed_out) break;  // a hang would repeat
  }
  return result;
}

}  // namespace grader
