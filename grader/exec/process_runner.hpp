#pragma once
// Running a process to completion under a deadline: the seam between the
// grader and the operating system. SystemProcessRunner is the real thing;
// tests substitute a fake that returns recorded results.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "child.hpp"
#include "process_spec.hpp"
#include "process_tree.hpp"

namespace ipclab::exec {

struct RunOptions {
  std::chrono::milliseconds wall_time{10'000};  ///< deadline from the start
  std::chrono::milliseconds kill_grace{500};    ///< SIGTERM .. SIGKILL on timeout
  std::size_t output_cap_bytes = 1 << 20;       ///< stdout + stderr kept; more stops the run
  std::string stdin_data;                       ///< written to stdin, then closed
  /// Child descriptors whose writes are collected (e.g. a result channel),
  /// each capped at channel_cap_bytes; never counted as output.
  std::vector<int> capture_fds;
  std::size_t channel_cap_bytes = 4 << 20;
  /// On a timeout, record what every process of the tree was doing first.
  bool snapshot_on_timeout = true;
};

enum class Termination {
  exited,        ///< ended by itself with an exit code
  signaled,      ///< killed by a signal it did not get from us
  timed_out,     ///< still running at the deadline: stopped by us
  output_limit,  ///< wrote more than output_cap_bytes: stopped by us
};

struct ProcessResult {
  Termination termination = Termination::exited;
  ExitStatus status;
  std::string out;
  std::string err;
  bool output_truncated = false;
  std::map<int, std::string> channels;
  std::chrono::milliseconds wall_time{0};
  /// Processes of the tree still alive after the main process ended (killed).
  int leftover_processes = 0;
  /// What the tree was doing just before a timeout killed it.
  std::vector<ProcessInfo> snapshot;
  /// What the supervision noticed beyond the status (limits of the whole
  /// tree reached, processes killed afterwards), one line each.
  std::vector<std::string> notes;
  /// The whole tree reached its memory limit (the sandbox's cgroup saw it):
  /// a fact to decide on, where `notes` are only words in some language.
  bool memory_limit_reached = false;

  /// Ended by itself with exit code 0.
  bool succeeded() const { return termination == Termination::exited && status.exit_code == 0; }
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  /// Runs to completion. Throws SpawnError if the process cannot be started.
  virtual ProcessResult run(const ProcessSpec& spec, const RunOptions& options) = 0;
};

class SystemProcessRunner : public ProcessRunner {
 public:
  ProcessResult run(const ProcessSpec& spec, const RunOptions& options) override;
};

}  // namespace ipclab::exec
