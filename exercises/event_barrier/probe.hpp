#pragma once
// Provided: what the driver needs beyond the public API of sync.hpp, so the
// tests can provoke the situations a correct Event or Barrier must survive:
// wake-ups that nobody asked for (a condition may always wake up spuriously),
// a mutex held by another process, and many rounds of use at full speed.

#include <atomic>
#include <cstdint>
#include <string>

#include "sync.hpp"

namespace ipclab::sync {

/// The driver's way into the private parts of Event and Barrier.
struct Probe {
  /// Wakes every process waiting on the object's condition without changing
  /// anything: a "spurious" wake-up, which waits must survive.
  static void notify(Event& event) {
    Lock lock(event.mutex_);
    event.changed_.notify_all();
  }
  static void notify(Barrier& barrier) {
    Lock lock(barrier.mutex_);
    barrier.changed_.notify_all();
  }

  /// The event's mutex, to hold it across commands.
  static Mutex& mutex(Event& event) { return event.mutex_; }

  /// Sets the flag and wakes the waiters; the caller already holds the mutex.
  static void set_holding_lock(Event& event) {
    event.flag_ = true;
    event.changed_.notify_all();
  }

  /// "count C state S": the barrier's fields, read under its mutex.
  static std::string describe(Barrier& barrier) {
    Lock lock(barrier.mutex_);
    return "count " + std::to_string(barrier.count_) + " state " +
           std::to_string(static_cast<int>(barrier.state_));
  }
};

/// The scoreboard of a lockstep run (see stress.hpp), next to its barrier.
struct Board {
  static constexpr int kSlots = 16;
  std::atomic<std::int32_t> passes[kSlots];  ///< the pass each party is at; -1: not started
  std::atomic<std::uint32_t> seen[3];        ///< bit i: index i was returned in pass p (p % 3)

  Board() {
    for (auto& p : passes)
      p = -1;
    for (auto& s : seen)
      s = 0;
  }
};

}  // namespace ipclab::sync
