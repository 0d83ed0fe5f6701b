#pragma once
// Named IPC objects left behind by a run. Every name a run creates starts with
// the run's prefix (see exercises/common/names.hpp), so leftovers are found by
// prefix: POSIX shared memory and named semaphores in /dev/shm (Boost.Interprocess
// objects included), POSIX message queues in /dev/mqueue.

#include <filesystem>
#include <string>
#include <vector>

namespace ipclab::exec {

struct IpcLocations {
  std::filesystem::path shm_dir = "/dev/shm";
  std::filesystem::path mqueue_dir = "/dev/mqueue";
};

/// Removes every object whose name starts with `prefix` and returns their
/// names as a student would write them ("/ipclab_r1_counter", "sem.ipclab_r1_lock").
/// Never throws: a location that does not exist holds nothing.
std::vector<std::string> sweep_ipc(const std::string& prefix, const IpcLocations& where = {});

}  // namespace ipclab::exec
