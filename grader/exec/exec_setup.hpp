#pragma once
// The one audited piece of code that runs in a child between fork() and exec().
// Everything is prepared in the parent, so the child only makes system calls:
// no allocation, no locks, nothing that is unsafe after fork() in a threaded
// program.
//
// In the child, in this order:
//   0. join the requested cgroups (before any descriptor moves: their fds were
//      opened in the parent and may carry numbers that step 1 overwrites)
//   1. move the mapped descriptors to their numbers (0-2 and extras)
//   2. setsid(): own session and process group, no controlling terminal
//   3. PR_SET_PDEATHSIG(SIGKILL), then check the parent did not die meanwhile
//   4. PR_SET_CHILD_SUBREAPER when asked (the child keeps escaped grandchildren)
//   5. PR_SET_NO_NEW_PRIVS: exec of setuid programs gains nothing
//   6. chdir() to the private working directory
//   7. rlimits: CPU, address space, file size, open files, processes, core = 0
//   8. drop to the requested uid/gid (supplementary groups cleared)
//   9. mark every descriptor above the mapped ones close-on-exec
// A failing step writes {step, errno} to a report pipe and ends the child with
// _exit(127): the parent tells "the sandbox could not be set up" apart from
// "the program failed".

#include <array>
#include <string>
#include <vector>

#include "process_spec.hpp"

namespace ipclab::exec {

enum class SetupStep : int {
  move_fds = 1,
  new_session,
  parent_death_signal,
  parent_gone,
  subreaper,
  no_new_privs,
  working_dir,
  rlimit_cpu,
  rlimit_address_space,
  rlimit_file_size,
  rlimit_open_files,
  rlimit_processes,
  rlimit_core,
  credentials,
  close_fds,
  join_cgroup,  // after the others, so their numbers stay stable
  ipc_namespace,
};

/// What a failed step reports on the pipe.
struct SetupFailure {
  int step;
  int error;
};

/// "setrlimit(RLIMIT_AS): Operation not permitted"
std::string describe(const SetupFailure& failure);

class ExecSetup {
 public:
  /// `fds` must include the standard descriptors 0-2. `report_fd` is the write
  /// end of a close-on-exec pipe. Throws std::invalid_argument on bad mappings.
  ExecSetup(const ProcessSpec& spec, const std::vector<FdMapping>& fds, int report_fd);
  ExecSetup(const ExecSetup&) = delete;
  ExecSetup& operator=(const ExecSetup&) = delete;
  ~ExecSetup();

  /// Runs in the child after fork(). Returns only on success.
  void apply() const noexcept;

  /// The environment for execve(), valid while this object lives.
  const char* const* envp() const { return envp_.data(); }
  /// Descriptor numbers the child keeps open across exec.
  std::vector<int> child_fds() const;

 private:
  static constexpr int kMaxFds = 16;
  [[noreturn]] void fail(SetupStep step, int error) const noexcept;
  void move_fds() const noexcept;
  void set_limits() const noexcept;
  void cloexec_above(int first) const noexcept;
  void join_cgroups() const noexcept;

  std::array<FdMapping, kMaxFds> fds_{};
  int fd_count_ = 0;
  int highest_child_fd_ = 2;
  int report_fd_;
  pid_t parent_pid_;
  bool subreaper_;
  std::string working_dir_;
  ResourceLimits limits_;
  std::optional<Credentials> run_as_;
  std::optional<mode_t> umask_;
  bool private_ipc_;
  static constexpr int kMaxCgroups = 4;
  std::array<int, kMaxCgroups> cgroup_fds_{};  ///< opened in the parent, write-only
  int cgroup_count_ = 0;
  std::vector<std::string> env_storage_;
  std::vector<const char*> envp_;
};

}  // namespace ipclab::exec
