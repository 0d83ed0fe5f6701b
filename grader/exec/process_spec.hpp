#pragma once
// What to run and under which limits: plain data, validated by spawn().

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ipclab::exec {

/// Per-process resource limits (setrlimit), applied before exec. A zero value
/// means "leave as inherited". Core dumps are always disabled.
struct ResourceLimits {
  std::chrono::seconds cpu_time{0};       ///< RLIMIT_CPU: SIGXCPU, then SIGKILL one second later
  std::uint64_t address_space_bytes = 0;  ///< RLIMIT_AS
  std::uint64_t file_size_bytes = 0;      ///< RLIMIT_FSIZE: larger writes fail / SIGXFSZ
  std::uint64_t open_files = 0;           ///< RLIMIT_NOFILE
  std::uint64_t processes = 0;            ///< RLIMIT_NPROC (ignored by the kernel for root)
};

/// A descriptor of the parent that the child sees as `child_fd`.
struct FdMapping {
  int parent_fd;
  int child_fd;
};

/// The user the child runs as (used when the runner is root: root ignores
/// RLIMIT_NPROC and could reach anything).
struct Credentials {
  uid_t uid;
  gid_t gid;
};

struct ProcessSpec {
  std::filesystem::path executable;   ///< absolute, or relative to the current directory
  std::vector<std::string> args;      ///< argv[1..]
  std::vector<std::string> env;       ///< the complete environment, "NAME=value"
  std::filesystem::path working_dir;  ///< empty: the parent's
  ResourceLimits limits;
  /// Extra descriptors; child fds 0-2 not listed here are /dev/null unless the
  /// spawn options ask for pipes. Every other descriptor is closed at exec.
  std::vector<FdMapping> fds;
  /// The child adopts its orphaned descendants (PR_SET_CHILD_SUBREAPER), so a
  /// grandchild that calls setsid() and double-forks stays in its tree.
  bool subreaper = false;
  std::optional<Credentials> run_as;
  /// The child's umask; unset: the parent's. Drivers of different uids that
  /// share sockets and files run with 0 (the modes they choose stand).
  std::optional<mode_t> umask;
  /// The child gets an IPC namespace of its own (root only): its SysV objects
  /// and POSIX message queues die with the tree, and it sees no other run's.
  bool private_ipc = false;
  /// cgroup.procs files the child writes "0" to before anything else, so the
  /// whole tree it starts is counted and limited by those cgroups (pids,
  /// memory) from its first instruction on.
  std::vector<std::filesystem::path> cgroups;
};

}  // namespace ipclab::exec
