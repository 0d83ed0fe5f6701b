#pragma once
// Provided: the longer commands of the driver (driver.cpp), kept apart so the
// command table stays readable. They only call the API of manager.hpp.

#include <string>

#include "ipclab/driver_loop.hpp"
#include "manager.hpp"

namespace ipclab::manager::tools {

/// A value as the driver shows it: encode_value(), except that a text longer
/// than 200 bytes is shown as "s#<length>#<digest>" to keep replies short.
std::string show(const Value& value);

/// Runs serve(address) in a child process, as Manager::start() does, but
/// returns at once: "server_ready" then waits for the ready byte.
ipclab::Reply spawn_server(const std::string& address);

/// Waits up to `timeout_ms` for the ready byte of a spawned server: "1" when it
/// came, "0" when not yet. Throws DriverError("ServerFailed") if the server
/// closed the pipe or exited without sending it.
ipclab::Reply server_ready(pid_t pid, std::int64_t timeout_ms);

/// Ends the servers spawn_server() started that are still running (SIGTERM,
/// then waitpid()), so a driver run by hand leaves none behind.
void stop_spawned_servers();

/// Waits up to `timeout_ms` for a child to exit: "exited CODE", "killed SIGNAL"
/// or "running".
ipclab::Reply server_wait(pid_t pid, std::int64_t timeout_ms);

/// Client number `id` at work: `rounds` times add(shared, 1), set a key of its
/// own, and append to the list. `size` > 0 stores texts of that many bytes.
void hammer(DictProxy& dict, ListProxy& list, std::int64_t id, std::int64_t rounds,
            std::size_t size);

/// Uses `dict` once in this process, then forks `children` children that use
/// the same proxy object (set, then get, `rounds` times each). Reports, per
/// child, "ok", "mismatch" (a reply meant for another process), "error",
/// "hung" (no reply in 5 s) or "failed", then the same for this process.
ipclab::Reply fork_check(DictProxy& dict, int children, int rounds);

}  // namespace ipclab::manager::tools
