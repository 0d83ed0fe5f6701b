#pragma once
// Names for shared objects (shared memory, message queues, semaphores).
// Always build names with unique_name(): the grader gives every run its own
// prefix, so parallel runs never collide and leftovers can be found and removed.

#include <string>
#include <string_view>

namespace ipclab {

/// The run's prefix: $IPCLAB_PREFIX when set by the grader, else "ipclab_<pid>_".
std::string name_prefix();

/// A fresh name "<prefix><pid>_<n>_<stem>", unique within the run.
/// `stem` must be a short identifier ([A-Za-z0-9_]); throws std::invalid_argument otherwise.
std::string unique_name(std::string_view stem);

}  // namespace ipclab
