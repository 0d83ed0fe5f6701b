#pragma once
// Starting one supervised process: spawn() launches it through Boost.Process v2
// with the ExecSetup hook, and returns a Child that owns it.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "process_spec.hpp"
#include "unique_fd.hpp"

namespace ipclab::exec {

/// How the child's standard descriptors and extra channels are connected.
struct SpawnOptions {
  bool pipe_stdin = false;  ///< else /dev/null
  bool pipe_stdout = true;  ///< else /dev/null
  bool pipe_stderr = true;  ///< else /dev/null
  /// Child descriptor numbers that get the write end of a fresh pipe; the
  /// parent reads them (e.g. a result channel on fd 3).
  std::vector<int> capture_fds;
};

/// How a process ended, decoded from its wait status.
struct ExitStatus {
  bool exited = false;  ///< exited normally, with exit_code
  int exit_code = -1;
  int signal = 0;  ///< the signal that killed it, when !exited
};

/// Thrown by spawn() when the process could not be started (missing program,
/// failed setup step). The message names the program and the step.
class SpawnError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A started process. Destroying a Child that is still running kills its whole
/// tree and reaps it. Supervisor (supervisor.hpp) waits for it and stops it.
class Child {
 public:
  Child(Child&&) noexcept;
  Child& operator=(Child&&) noexcept;
  ~Child();

  pid_t pid() const;
  /// A pidfd: readable once the process has exited.
  int pidfd() const;
  UniqueFd& stdin_pipe() { return stdin_; }
  UniqueFd& stdout_pipe() { return stdout_; }
  UniqueFd& stderr_pipe() { return stderr_; }
  /// The read end for a descriptor listed in SpawnOptions::capture_fds.
  UniqueFd& channel(int child_fd) { return channels_.at(child_fd); }

  /// Reaps the process if it has exited; never blocks.
  std::optional<ExitStatus> try_wait();
  /// Blocks until the process exits, then reaps it.
  ExitStatus wait();
  /// The status once reaped.
  const std::optional<ExitStatus>& status() const { return status_; }

  /// Sends `signal` to the whole tree: every descendant, the process group
  /// and the process. SIGKILL first freezes the process and kills its
  /// descendants until none is left (a fork loop cannot outrun it). Never
  /// waits and never reaps (see Supervisor::stop); does nothing once reaped.
  void send(int signal);
  /// send(SIGTERM).
  void terminate();
  /// send(SIGKILL).
  void kill();

 private:
  friend Child spawn(const ProcessSpec&, const SpawnOptions&);
  struct Handle;
  Child();
  std::unique_ptr<Handle> handle_;
  UniqueFd stdin_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  std::map<int, UniqueFd> channels_;
  std::optional<ExitStatus> status_;
};

/// Starts `spec`. Throws SpawnError if the program cannot be started or a
/// setup step fails, std::system_error for failures of the grader's own system calls.
Child spawn(const ProcessSpec& spec, const SpawnOptions& options = {});

/// Decodes a raw wait status.
ExitStatus decode_wait_status(int status);

/// "exit code 3", "killed by SIGSEGV (Segmentation fault)"
std::string describe(const ExitStatus& status);

}  // namespace ipclab::exec
