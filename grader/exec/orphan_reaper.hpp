#pragma once
// This process as a child subreaper: a process that leaves its parent (a
// grandchild whose parent exited, or one that called setsid() and double-forked)
// is re-parented to us instead of to init. Every child we did not start
// ourselves is such an orphan of a finished or killed test: the reaper kills it
// (and its descendants) and reaps it, so nothing outlives its test.

#include <sys/types.h>

#include <mutex>
#include <set>

namespace ipclab::exec {

class OrphanReaper {
 public:
  /// The process-wide reaper; the first call makes this process a subreaper
  /// and starts the reaping thread.
  static OrphanReaper& instance();

  /// Held while a child is forked and registered, so the reaper never mistakes
  /// a child being launched for an orphan.
  std::unique_lock<std::mutex> launch_lock() { return std::unique_lock(mutex_); }
  /// Call with launch_lock() held.
  void adopt(pid_t pid) { managed_.insert(pid); }
  /// The child was reaped by its owner.
  void release(pid_t pid);

  /// How many orphans were killed so far.
  int orphans_killed() const;

  /// Kills and reaps the current orphans now (also done every 50 ms).
  void sweep();

 private:
  OrphanReaper();
  void run();

  mutable std::mutex mutex_;
  std::set<pid_t> managed_;
  int orphans_killed_ = 0;
};

}  // namespace ipclab::exec
