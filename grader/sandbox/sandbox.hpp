#pragma once
// The isolation a process of a grading gets: the backend the start-up probe
// chose (bubblewrap, or the advisory process backend), plus a cgroup per run
// for the pids and memory of the whole tree where one can be made. Every
// report names it (description()).
//
// Both backends keep the runner's layer: own session, rlimits, a clean
// environment, the wall-clock deadline that stops the whole tree, capped
// output. bubblewrap adds PID, IPC, mount, network and UTS namespaces and an
// allow-list view of the file system (see bwrap_command.hpp).

#include <atomic>
#include <optional>
#include <string>

#include "exec/process_runner.hpp"
#include "sandbox/build_user.hpp"
#include "sandbox/bwrap_command.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/host_probe.hpp"
#include "sandbox/uid_slots.hpp"

namespace grader {

class Sandbox {
 public:
  /// With `uid_slots` (the grader is root), the drivers of every test run
  /// get a uid of their own from it; with `build_user` (root too), every
  /// compile runs as that user (build_user.hpp).
  Sandbox(SandboxChoice choice, BwrapSettings bwrap, CgroupSupport cgroups,
          std::optional<UidSlots> uid_slots = std::nullopt,
          std::optional<ipclab::exec::Credentials> build_user = std::nullopt);

  /// The process backend without cgroups (what tests with fakes use).
  static Sandbox process_only();
  /// Probes this machine and chooses for `request`. Throws GraderError when
  /// the requested backend does not work here.
  static Sandbox for_this_machine(SandboxRequest request);
  /// The sandbox for what a probe found. Throws like choose_backend().
  static Sandbox from_facts(const HostFacts& facts, SandboxRequest request);

  SandboxBackend backend() const { return choice_.backend; }
  /// True for the process backend: a hostile submission can reach the rest
  /// of the machine (signal the grader, read other files, use the network).
  bool advisory() const { return choice_.backend == SandboxBackend::process; }
  /// True when no process of a test can write the grader's own files: a
  /// bubblewrap view shows it only its run folder, or (as root) its drivers
  /// run under a uid of their own. What a shared compiler cache needs.
  bool tests_cannot_write_grader_files() const {
    return choice_.backend == SandboxBackend::bubblewrap || uid_slots_.has_value();
  }
  /// True when runs have a private /dev/shm (so leftovers are in the view's shm_dir).
  bool private_ipc() const { return choice_.backend == SandboxBackend::bubblewrap; }
  /// One line for reports: the backend, what it isolates, and its limits.
  std::string description() const;
  const SandboxChoice& choice() const { return choice_; }
  /// Where test runs get the uid of their drivers; null: not root, the
  /// harness runs drivers as the grader's user.
  const UidSlots* uid_slots() const { return uid_slots_ ? &*uid_slots_ : nullptr; }
  /// Who compiles run as (set as the spec's `run_as`: run() applies it on
  /// either backend); nullopt: not root, compiles run as the grader's user.
  const std::optional<ipclab::exec::Credentials>& build_user() const { return build_user_; }

  /// Runs `spec` through `runner` in the sandbox, seeing `view` (bubblewrap
  /// only), its tree under `limits` (when cgroups are usable), as its
  /// `run_as` user if any (root only; inside bwrap, see wrap_in_bwrap()). Throws
  /// SpawnError when the sandbox itself could not start the program.
  ipclab::exec::ProcessResult run(ipclab::exec::ProcessRunner& runner,
                                  const ipclab::exec::ProcessSpec& spec,
                                  const ipclab::exec::RunOptions& options, const SandboxView& view,
                                  const TreeLimits& limits) const;

 private:
  ipclab::exec::ProcessResult run_wrapped(ipclab::exec::ProcessRunner& runner,
                                          const ipclab::exec::ProcessSpec& spec,
                                          const ipclab::exec::RunOptions& options,
                                          const SandboxView& view) const;

  SandboxChoice choice_;
  BwrapSettings bwrap_;
  CgroupSupport cgroups_;
  std::optional<UidSlots> uid_slots_;
  std::optional<ipclab::exec::Credentials> build_user_;
};

}  // namespace grader
