#pragma once
// A cgroup per run: the pids and memory limits of a whole process tree, which
// per-process rlimits cannot give (a fork multiplies them), and a way to kill
// every process of the tree however it detached itself.
//
// Per-run cgroups live under an `ipclab` parent:
//   v2: <root>/ipclab/<run>/ with pids.max, memory.max, memory.swap.max, cgroup.kill
//   v1: <root>/pids/ipclab/<run>/pids.max and <root>/memory/ipclab/<run>/memory.limit_in_bytes
// The run's first process joins them before exec (ProcessSpec::cgroups).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace grader {

/// What the machine offers, as found by detect_cgroups().
struct CgroupSupport {
  int version = 0;  ///< 0: none usable, 1 or 2
  /// v2: the unified hierarchy; v1: the folder holding the controller mounts.
  std::filesystem::path root;
  bool pids = false;    ///< the pids controller can be used (writable)
  bool memory = false;  ///< the memory controller can be used (writable)
  /// Why nothing (or not everything) is usable, in one line.
  std::string note;

  bool usable() const { return version != 0 && (pids || memory); }
  /// "cgroup v1 (pids, memory)"
  std::string describe() const;
};

/// Looks at `root` (normally /sys/fs/cgroup). Never throws. For v2, enables
/// the pids and memory controllers for the ipclab parent when it may.
CgroupSupport detect_cgroups(const std::filesystem::path& root = "/sys/fs/cgroup");

/// Removes the per-run cgroups of graders that no longer run (killed before
/// they could clean up), killing whatever is still in them. Returns how many
/// were removed. Never throws.
int remove_stale_cgroups(const CgroupSupport& support);

/// Limits of a whole tree; 0 leaves the limit unset.
struct TreeLimits {
  std::uint64_t processes = 0;     ///< pids.max
  std::uint64_t memory_bytes = 0;  ///< memory.max / memory.limit_in_bytes (swap included)
};

/// One run's cgroup(s): made with the limits by the constructor, emptied
/// (every process SIGKILLed) and removed by the destructor.
class RunCgroup {
 public:
  /// Throws GraderError naming the file that could not be written.
  RunCgroup(const CgroupSupport& support, const std::string& name, const TreeLimits& limits);
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;
  ~RunCgroup();

  /// The cgroup.procs files the run's first process joins.
  std::vector<std::filesystem::path> procs_files() const;
  /// True when the pids limit stopped a fork (pids.events "max" > 0).
  bool hit_process_limit() const;
  /// True when the memory limit killed a process (OOM) or refused memory,
  /// or the processes' peak came within a tenth of it (where RLIMIT_AS
  /// refused the allocation first).
  bool hit_memory_limit() const;
  /// Waits up to `grace` for the cgroups to empty by themselves (bwrap exits
  /// a moment before its PID namespace is torn down), then SIGKILLs every
  /// process left until they are empty or `budget` is spent. Returns how many
  /// processes had to be killed.
  int kill_all(std::chrono::milliseconds grace = std::chrono::milliseconds(250),
               std::chrono::milliseconds budget = std::chrono::milliseconds(2000));

 private:
  void make(const std::filesystem::path& dir);
  bool empty() const;
  std::vector<std::filesystem::path> dirs_;  ///< one (v2) or one per controller (v1)
  int version_;
  std::uint64_t memory_bytes_;  ///< the tree's memory limit; 0: none
};

}  // namespace grader
