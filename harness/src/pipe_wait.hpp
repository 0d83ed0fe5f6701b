#pragma once
// A process blocked on a pipe or a socket: who holds the other end, and why
// end-of-file never comes. Pure functions of a Scene.

#include <optional>
#include <string>
#include <vector>

#include "harness/hang_scene.hpp"

namespace ipclab::harness {

/// The descriptors, across the scene, of the other end of `file` (the write
/// ends of a pipe when `writers_only`); nullopt when the other end is unknown.
std::optional<std::vector<exec::OpenFile>> other_end(const Scene& scene, const exec::OpenFile& file,
                                                     bool writers_only);

/// "a child of your driver (pid 7) fd 4 (itself), the test harness fd 9"
std::string describe_holders(const Scene& scene, const std::vector<exec::OpenFile>& files,
                             pid_t self);

/// Why `reader`, blocked reading `file`, waits; "" when unknown.
std::string explain_read(const Scene& scene, const exec::ProcessInfo& reader,
                         const exec::OpenFile& file);

/// Why `writer`, blocked writing `file`, waits.
std::string explain_write(const Scene& scene, const exec::ProcessInfo& writer,
                          const exec::OpenFile& file);

/// True when a process that holds the other end of `file` could still write:
/// it is running, or it is the harness (the test may still send).
bool writer_may_come(const Scene& scene, const std::vector<exec::OpenFile>& holders);

}  // namespace ipclab::harness
