#pragma once
// Phrases about one process of a Scene, shared by the per-process
// explanations (hang_verdict.cpp) and the verdict rules (hang_rules.cpp).

#include <string>

#include "harness/hang_scene.hpp"
#include "harness/words.hpp"

namespace ipclab::harness {

/// " in put() at producer_consumer/queue.cpp:41", or "" without a backtrace.
std::string where_in(const Scene& scene, pid_t pid);

/// "waits on a condition variable in put() at producer_consumer/queue.cpp:41"
std::string waits_on(const Scene& scene, const exec::ProcessInfo& process);

/// "a condition variable", "a mutex" or "a lock or a condition variable".
std::string futex_kind(const Scene& scene, pid_t pid);

/// Whether `pid` waits on a condition variable, by its backtrace (the words
/// of futex_kind() are the student's language: never compare them).
bool waits_on_condition(const Scene& scene, pid_t pid);

/// Whether the main thread of `pid` is in the exercise's function `method`
/// (or `method`_nowait), by its backtrace.
bool is_in(const Scene& scene, pid_t pid, const std::string& method);

/// 0.97 -> "97%"
std::string percent(double share);

}  // namespace ipclab::harness
