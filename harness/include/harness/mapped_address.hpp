#pragma once
// Where an address of another process points: which mapped file, at which
// offset. A process blocked in futex() on a lock or condition variable that
// lives in shared memory waits on an address inside that segment; resolving it
// tells "waits on the queue's not_full condition" from "waits on some lock".

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace ipclab::harness {

/// An address resolved to the file mapped there.
struct MappedAddress {
  std::string path;          ///< "/dev/shm/ipclab_1_2_work" (without " (deleted)")
  std::uint64_t offset = 0;  ///< from the start of the file
};

/// The file mapping of process `pid` that contains `address`, from
/// /proc/<pid>/maps; nullopt if the address is not in a file mapping or the
/// process cannot be inspected. Never throws.
std::optional<MappedAddress> resolve_mapped_address(pid_t pid, std::uint64_t address);

}  // namespace ipclab::harness
