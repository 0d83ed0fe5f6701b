// Event and barrier, part 1: the Event -- model answer.
//
// The whole Event is one rule: the flag is only ever read or written while
// holding mutex_. That rule is what makes wait() safe: a process that has
// just seen "flag is false" still holds the mutex when it goes to sleep on
// the condition (changed_.wait() releases the mutex and sleeps in one step),
// so a set() from another process cannot slip in between and be missed.
#include "sync.hpp"

namespace ipclab::sync {

bool Event::is_set() const {
  Lock lock(mutex_);  // locked here, unlocked when `lock` goes out of scope
  return flag_;
}

void Event::set() {
  Lock lock(mutex_);
  flag_ = true;
  // Every process waiting for the event must wake up, not just one of them.
  changed_.notify_all();
}

void Event::clear() {
  Lock lock(mutex_);
  flag_ = false;
}

bool Event::wait(Timeout timeout) {
  if (!timeout) {
    // The lock is only needed to sleep on the condition.
    while (!flag_) {
      Lock lock(mutex_);
      changed_.wait(lock);
    }
    return true;
  }

  // With a time limit: the deadline is computed once, before the loop. If we
  // computed it again after every wake-up, each spurious wake-up would give
  // us a fresh timeout and we might never give up.
  // Boost's timed_wait() wants an absolute time on the wall clock
  // (system_clock), not on steady_clock.
  const auto deadline = std::chrono::system_clock::now() + *timeout;
  while (!flag_) {
    Lock lock(mutex_);
    const bool woken = changed_.timed_wait(lock, deadline);
    if (!woken) {
      break;  // the deadline has passed
    }
  }
  // Report what the flag says now: it may have been set at the last moment.
  return is_set();
}

}  // namespace ipclab::sync
