#include "run/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "run/trial_interpreter.hpp"

namespace grader {

namespace fs = std::filesystem;

TestRunner::TestRunner(ipclab::exec::ProcessRunner& runner, RunContext context)
    : runner_(runner), context_(std::move(context)) {}

ipclab::exec::ProcessSpec TestRunner::harness_spec(const TestRun& run, const fs::path& dir,
                                                   const std::string& prefix,
                                                   const UidSlot* slot) const {
  ipclab::exec::ProcessSpec spec;
  spec.executable = run.harness;
  spec.args = {"--gtest_filter=" + run.exercise_id + "." + run.test_id, "--gtest_brief=1"};
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + dir.string(),
              "TMPDIR=" + dir.string(), "IPCLAB_PREFIX=" + prefix,
              std::string(ipclab::exec::kResultFdVariable) + "=" + std::to_string(kResultFd),
              "IPCLAB_STUDENT_DRIVER=" + run.student_driver.string(),
              "IPCLAB_REFERENCE_DRIVER=" + run.reference_driver.string(),
              // The harness diagnoses a hang itself shortly before this
              // deadline, with the drivers' stacks and shared objects.
              "IPCLAB_TEST_TIMEOUT_MS=" + std::to_string(run.limits.timeout.count())};
  spec.working_dir = dir;
  spec.subreaper = true;  // escaped grandchildren stay in the test's tree
  spec.env.insert(spec.env.end(), run.environment.begin(), run.environment.end());
  spec.limits.cpu_time = run.limits.cpu_time;
  // ASan cannot start under RLIMIT_AS; its options carry the memory limit.
  if (!run.sanitized) spec.limits.address_space_bytes = run.limits.memory_bytes;
  spec.limits.file_size_bytes = run.limits.file_size_bytes;
  spec.limits.open_files = run.limits.open_files;
  spec.limits.processes = run.limits.processes;
  if (slot != nullptr) {
    spec.env.push_back("IPCLAB_DRIVER_UID=" + std::to_string(slot->uid()));
    spec.env.push_back("IPCLAB_REFERENCE_UID=" + std::to_string(slot->reference_uid()));
    // RLIMIT_NPROC counts the processes of the real uid: with a uid of the
    // run's own it bounds exactly this run (a fork bomb without a pids
    // cgroup). The harness, root, is not bound by it; its drivers inherit it.
    spec.limits.processes = tree_limits(run.limits).processes;
  }
  return spec;
}

namespace {

/// Whether `run` asks its harness for another language than English.
bool speaks_a_language(const TestRun& run) {
  const std::string variable = std::string(ipclab::i18n::kRunLanguageVariable) + "=";
  return std::any_of(run.environment.begin(), run.environment.end(),
                     [&](const std::string& entry) { return entry.rfind(variable, 0) == 0; });
}

}  // namespace

SandboxView harness_view(const TestRun& run, const fs::path& dir, const fs::path& shm_dir) {
  SandboxView view;
  view.read_only = {run.harness.parent_path(), run.student_driver, run.reference_driver};
  // The catalogs the harness finds above its folder (kit_locale_dir).
  if (fs::path locale = ipclab::i18n::kit_locale_dir(run.harness);
      speaks_a_language(run) && !locale.empty())
    view.read_only.push_back(locale);
  view.writable = {dir};
  view.shm_dir = shm_dir;
  return view;
}

TreeLimits tree_limits(const Limits& limits) {
  return {limits.processes != 0 ? limits.processes : 512, limits.memory_bytes};
}

namespace {

void make_folder(const fs::path& dir, std::optional<fs::perms> perms = std::nullopt) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (!ec && perms) fs::permissions(dir, *perms, ec);
  if (ec) throw GraderError("cannot create the run folder " + dir.string() + ": " + ec.message());
}

/// Where the drivers' uid may have left things. With bubblewrap the run's
/// /dev/shm is its own folder, and its /tmp and SysV IPC die with its
/// namespaces; without, they are the host's.
UidSweepPlaces uid_places(const Sandbox& sandbox, const fs::path& shm_dir) {
  if (sandbox.private_ipc()) return {{{shm_dir, "/dev/shm/"}}, false};
  return host_places();
}

/// The root-owned folder a harness makes for its drivers in the host's /tmp
/// (harness driver.cpp), named after the run's prefix: left behind when the
/// harness was killed before it could remove it. Not a leak of the student's.
void remove_drivers_folders(const std::string& prefix) {
  const std::string start = "ipclab-drivers-" + prefix;
  std::error_code ec;
  std::vector<fs::path> found;
  for (const fs::directory_entry& entry : fs::directory_iterator("/tmp", ec)) {
    if (entry.path().filename().string().rfind(start, 0) == 0) found.push_back(entry.path());
  }
  for (const fs::path& path : found)
    fs::remove_all(path, ec);  // never follows a symlink
}

}  // namespace

TrialPlaces trial_places(const RunContext& context, const TestRun& run, int trial, int number) {
  TrialPlaces places;
  places.prefix = fmt::format("ipclab_{}_{}_", context.run_id, number);
  places.dir = context.scratch_root / fmt::format("{}.{}.{}", run.exercise_id, run.test_id, trial);
  places.ipc = context.ipc;
  if (context.sandbox.private_ipc()) {
    places.shm_dir = places.dir.string() + ".shm";
    places.ipc.shm_dir = places.shm_dir;
  }
  return places;
}

namespace {

/// Makes the trial's folders, empty.
void make_places(const TrialPlaces& places) {
  make_folder(places.dir);
  // Like /dev/shm: unprivileged drivers create their segments here too.
  if (!places.shm_dir.empty()) make_folder(places.shm_dir, fs::perms::all | fs::perms::sticky_bit);
}

/// Removes what the trial left: the IPC objects under its prefix (each named
/// in a note on `result`), the drivers' folders in the host's /tmp when
/// `drivers_folders`, and the trial's own folders.
void remove_leftovers(const TrialPlaces& places, bool drivers_folders, TrialResult& result) {
  for (const std::string& leak : ipclab::exec::sweep_ipc(places.prefix, places.ipc)) {
    result.notes.push_back(
        fmt::format(fmt::runtime(ipclab::i18n::tr("left behind (removed): {}")), leak));
  }
  if (drivers_folders) remove_drivers_folders(places.prefix);
  std::error_code ec;
  fs::remove_all(places.dir, ec);
  if (!places.shm_dir.empty()) fs::remove_all(places.shm_dir, ec);
}

}  // namespace

ipclab::exec::ProcessResult TestRunner::run_harness(const TestRun& run, const TrialPlaces& places,
                                                    const UidSlot* slot) {
  ipclab::exec::RunOptions options;
  options.wall_time = run.limits.timeout;
  options.output_cap_bytes = run.limits.output_bytes;
  options.capture_fds = {kResultFd};
  ipclab::exec::ProcessSpec spec = harness_spec(run, places.dir, places.prefix, slot);
  // As root on the process backend: POSIX message queues and SysV objects
  // die with the run (bubblewrap gives each run an IPC namespace already).
  spec.private_ipc = slot != nullptr && !context_.sandbox.private_ipc();
  return context_.sandbox.run(runner_, spec, options, harness_view(run, places.dir, places.shm_dir),
                              tree_limits(run.limits));
}

TrialResult TestRunner::attempt_trial(const TestRun& run, const TrialPlaces& places,
                                      std::optional<UidSlot>& slot) {
  try {
    if (const UidSlots* slots = context_.sandbox.uid_slots()) slot.emplace(slots->acquire());
    ipclab::exec::ProcessResult process = run_harness(run, places, slot ? &*slot : nullptr);
    TrialResult result = interpret_trial(process, run.exercise_id + "." + run.test_id, run.limits);
    result.notes.insert(result.notes.end(), process.notes.begin(), process.notes.end());
    return result;
  } catch (const ipclab::exec::SpawnError& e) {
    return {Outcome::unresolved, e.what(), {}, {}};
  } catch (const GraderError& e) {
    return {Outcome::unresolved, e.what(), {}, {}};
  }
}

TrialResult TestRunner::run_trial(const TestRun& run, int trial) {
  std::atomic<int>& numbers = context_.trial_numbers ? *context_.trial_numbers : sequence_;
  const TrialPlaces places = trial_places(context_, run, trial, ++numbers);
  make_places(places);
  std::optional<UidSlot> slot;
  TrialResult result = attempt_trial(run, places, slot);
  // Before the prefix sweep: no process of the run may still be making objects.
  const bool slot_held = slot.has_value();
  if (slot) {
    std::vector<std::string> notes = slot->clean_up(uid_places(context_.sandbox, places.shm_dir));
    result.notes.insert(result.notes.end(), notes.begin(), notes.end());
    // Kept for this grader's next run when nothing of it is left running.
    context_.sandbox.uid_slots()->give_back(std::move(*slot));
    slot.reset();
  }
  remove_leftovers(places, slot_held && !context_.sandbox.private_ipc(), result);
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
