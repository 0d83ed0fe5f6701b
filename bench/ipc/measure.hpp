#pragma once
// How bench-ipc measures: each benchmark forks its peer process(es) pinned as
// the placement says, times the steady part with CLOCK_MONOTONIC in the parent
// (warm-up and fork cost excluded), and reports one figure per run. The
// runner interleaves the benchmarks round by round and takes medians, so
// slow drift of the machine's speed lands in every column alike.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ipclab::bench {

/// Where the two sides of a benchmark run.
enum class Placement { same_cpu, cross_cpu, unpinned };

std::string to_string(Placement placement);

/// The CPU the first (parent) and second (child) side are pinned to; -1: any.
int parent_cpu(Placement placement);
int child_cpu(Placement placement);

/// Pins the calling process to `cpu` (-1: every CPU). Throws on failure.
void pin_to(int cpu);

/// Forks a child pinned to `cpu` that runs `body` and exits (code 1 if it
/// threw). Output buffers are flushed first.
pid_t fork_pinned(int cpu, const std::function<void()>& body);

/// Waits for `pid`; throws unless it exited with code 0.
void join(pid_t pid, const std::string& what);

/// Seconds since an arbitrary start, monotonic.
double now_seconds();

/// A name unique to this process for a named IPC object.
std::string unique_ipc_name(const std::string& stem);

/// A zero-filled MAP_SHARED anonymous mapping of `bytes`, shared with children
/// forked later. Never unmapped (the benchmark process is short-lived).
void* shared_anonymous(std::size_t bytes);

/// The median of `values` (which it sorts). 0 when empty.
double median(std::vector<double> values);

}  // namespace ipclab::bench
