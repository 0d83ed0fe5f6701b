#pragma once
// Everything a uid of the grading range left behind: its processes, and its
// files, folders and IPC objects in the places every user can write to. A
// slot uid belongs to one test run at a time (uid_slots.hpp), so whatever it
// owns is that run's, and removing it touches nobody else.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace grader {

/// A folder to sweep and how its entries are named in the report.
struct SweptFolder {
  std::filesystem::path path;
  std::string shown;  ///< "/dev/shm/": the name the run saw it under
};

struct UidSweepPlaces {
  std::vector<SweptFolder> folders;
  bool sysv = true;  ///< also SysV shared memory, semaphores and message queues
};

/// The folders below `root`, down to `max_depth` levels, that every user may
/// write to (the other-write bit), /proc and /sys left out; never follows a
/// symlink. Sorted.
std::vector<std::filesystem::path> world_writable_folders(const std::filesystem::path& root,
                                                          int max_depth);

/// The host's /dev/shm, /dev/mqueue, /tmp, /var/tmp, every other folder that
/// everyone may write to within 4 levels of / (probed once: /run/lock ...),
/// and its SysV IPC.
UidSweepPlaces host_places();

/// The live (non-zombie) processes whose real, effective or saved uid is one
/// of `uids`: one walk of /proc, however many uids.
std::vector<pid_t> processes_of(const std::vector<uid_t>& uids);
inline std::vector<pid_t> processes_of(uid_t uid) {
  return processes_of(std::vector<uid_t>{uid});
}

/// SIGKILLs every process of `uids` until /proc shows none (or `budget`
/// ends). Returns how many are still there (0: all gone).
int kill_processes_of(const std::vector<uid_t>& uids, std::chrono::milliseconds budget);
inline int kill_processes_of(uid_t uid, std::chrono::milliseconds budget) {
  return kill_processes_of(std::vector<uid_t>{uid}, budget);
}

/// Removes what `uid` owns in `where` -- never following a symlink; a folder
/// it owns goes with its contents -- and returns the names for the report
/// ("/tmp/results.json", "/tmp/dir/", "SysV shared memory key 0x2a"). Folders
/// of other owners that everyone may write to (/tmp/.X11-unix) are looked
/// into too. Never throws.
std::vector<std::string> sweep_uid(uid_t uid, const UidSweepPlaces& where);

}  // namespace grader
