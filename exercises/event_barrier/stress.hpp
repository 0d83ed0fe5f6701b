#pragma once
// Provided: the driver's long-running commands. Each runs many rounds inside
// one command, so a race that shows up once in a thousand rounds is still
// found in a fraction of a second.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "probe.hpp"
#include "sync.hpp"

namespace ipclab::sync {

/// How a relay ended.
struct RelayResult {
  int rounds = 0;      ///< rounds completed
  std::string status;  ///< "done"; "lost": a wait() missed a set() of `in`; "stalled": nothing came
};

/// One side of an event relay between two processes: (if `first`, set `out`
/// once; then) `rounds` times: wait for `in` (at most `timeout`), clear it, set
/// `out`. Stops at the first wait() that returns false or only at its timeout.
RelayResult relay(Event& in, Event& out, int rounds, std::chrono::milliseconds timeout, bool first);

/// One party of a lockstep run: `passes` times: record the pass on `board`,
/// wait at `barrier` (with `timeout`), then check that every other party
/// of the `slots` had arrived and that no index was returned twice. Returns
/// the passes made; on a violation, aborts the barrier and throws
/// ipclab::DriverError("Violation", what happened).
int lockstep(Barrier& barrier, Board& board, int slot, int slots, int passes, Timeout timeout);

/// Calls `poke` every `interval` on a thread of its own, until stop().
class Poker {
 public:
  void start(std::function<void()> poke, std::chrono::microseconds interval);
  /// Stops the thread; returns how many pokes it made.
  long stop();
  ~Poker() { stop(); }

 private:
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> pokes_{0};
};

}  // namespace ipclab::sync
