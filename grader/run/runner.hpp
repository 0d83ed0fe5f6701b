#pragma once
// Running planned tests: every trial is its own process tree -- the harness in
// a fresh private folder, with its own IPC name prefix, a clean environment,
// limits, and a result channel on fd 3 that drivers never see. Whatever the
// run leaves in /dev/shm or /dev/mqueue under its prefix is named and removed.
// As root, its drivers run as a uid of the run's own (uid_slots.hpp); after
// the run every process of that uid is killed and whatever it owns in /tmp,
// /var/tmp, /dev/shm, /dev/mqueue and SysV IPC is named and removed.

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "exec/ipc_sweep.hpp"
#include "exec/process_runner.hpp"
#include "exec/result_record.hpp"
#include "model/results.hpp"
#include "plan/run_plan.hpp"
#include "sandbox/sandbox.hpp"

namespace grader {

struct RunContext {
  std::string run_id;                  ///< unique per grader process: part of every IPC prefix
  std::filesystem::path scratch_root;  ///< private folders of runs are made here
  ipclab::exec::IpcLocations ipc;      ///< where leftovers are looked for
  /// The isolation of every run (Sandbox::process_only(): the runner's own
  /// layer only). With a private /dev/shm, leftovers are looked for in the
  /// run's own shm folder.
  const Sandbox& sandbox;
  /// Numbers the trials' IPC prefixes; shared by runners that run at the
  /// same time with the same `run_id` (a session grading several
  /// submissions at once), so that no two trials share a prefix. Null: the
  /// runner numbers its own trials from 1.
  std::atomic<int>* trial_numbers = nullptr;
};

/// Where one trial runs and where it may leave things.
struct TrialPlaces {
  std::string prefix;              ///< the IPC name prefix of the trial's objects
  std::filesystem::path dir;       ///< its private folder
  std::filesystem::path shm_dir;   ///< its own /dev/shm (a private /dev/shm only, else empty)
  ipclab::exec::IpcLocations ipc;  ///< where its leftovers are looked for
};

/// The places of trial `trial` of `run` when it is the `number`-th trial of
/// the grader process `context.run_id`. Pure: makes no folder.
TrialPlaces trial_places(const RunContext& context, const TestRun& run, int trial, int number);

class TestRunner {
 public:
  TestRunner(ipclab::exec::ProcessRunner& runner, RunContext context);

  /// Runs every trial of `run` (stopping after a trial that timed out). Safe
  /// to call from several threads at once: each trial gets its own prefix,
  /// folder, uid slot and cgroup.
  TestResult run(const TestRun& run);

  /// The harness process of one trial of `run`, in `dir`, with the IPC name
  /// `prefix`; with `slot` (the grader is root) its student and reference
  /// drivers run as the slot's two uids. Pure: spawns nothing.
  ipclab::exec::ProcessSpec harness_spec(const TestRun& run, const std::filesystem::path& dir,
                                         const std::string& prefix, const UidSlot* slot) const;

 private:
  TrialResult run_trial(const TestRun& run, int trial);
  /// Runs the harness in `places`, as the uids of a slot it puts in `slot`
  /// (the grader is root), and interprets it; a harness that could not be
  /// started is unresolved.
  TrialResult attempt_trial(const TestRun& run, const TrialPlaces& places,
                            std::optional<UidSlot>& slot);
  ipclab::exec::ProcessResult run_harness(const TestRun& run, const TrialPlaces& places,
                                          const UidSlot* slot);

  ipclab::exec::ProcessRunner& runner_;
  RunContext context_;
  std::atomic<int> sequence_{0};  ///< numbers the prefixes of trials without trial_numbers
};

/// The fd on which harnesses report results.
using ipclab::exec::kResultFd;

/// What a harness run sees in a sandbox: the kit (harnesses and reference
/// drivers) and the student's driver read-only -- and the kit's message
/// catalogs when the run speaks another language than English --, its
/// private folder writable, `shm_dir` as its /dev/shm. Not the course: no
/// solutions, sources or tests.
SandboxView harness_view(const TestRun& run, const std::filesystem::path& dir,
                         const std::filesystem::path& shm_dir);

/// The limits of a test's whole process tree (cgroup): its process limit (or
/// 512) and its memory limit.
TreeLimits tree_limits(const Limits& limits);

}  // namespace grader
