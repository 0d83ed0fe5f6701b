#pragma once
// Turning a Scene into words: pure functions, tested on recorded scenes.
//
//   Diagnosis: deadlock. Every process of the test waits and none can wake the
//   others: your driver (pid 7) waits for a child to exit in run_pipeline() at
//   producer_consumer/pipeline.cpp:88; a child of your driver (pid 9) waits on a
//   condition variable in put() at producer_consumer/queue.cpp:41 ...

#include <string>

#include "harness/hang_scene.hpp"

namespace ipclab::harness {

/// What one process was doing, reduced to what matters for a verdict.
enum class Activity {
  idle,        ///< a driver waiting for the test's next command
  spinning,    ///< using the CPU without pause (busy-wait)
  running,     ///< on the CPU now, but not busy over the whole interval
  reading,     ///< blocked reading a pipe or socket
  writing,     ///< blocked writing a pipe or socket (the buffer is full)
  lock_wait,   ///< blocked on a futex: a mutex or condition variable
  child_wait,  ///< blocked in waitpid()
  sleeping,    ///< in sleep(), pause() or similar
  stopped,     ///< stopped by a signal or a tracer
  zombie,      ///< exited, not reaped
  other,
};

/// The share of one CPU above which a process counts as spinning (also a
/// process runnable in 80% of the samples that got at least 10% of a CPU).
inline constexpr double kSpinningShare = 0.5;

Activity activity_of(const Scene& scene, const exec::ProcessInfo& process);

/// The innermost frame of the exercise's code on the main thread of `pid`;
/// nullptr without a backtrace.
const Frame* exercise_frame(const Scene& scene, pid_t pid);

/// The verdict paragraph ("Diagnosis: deadlock. ..."), or "" when the scene
/// shows no known cause.
std::string hang_verdict(const Scene& scene);

/// The indented lines that say what `process` waits for and why it cannot go
/// on, or "".
std::string explain_process(const Scene& scene, const exec::ProcessInfo& process);

/// The verdict, then "What each process was doing:" with one entry per process.
std::string describe_scene(const Scene& scene);

}  // namespace ipclab::harness
