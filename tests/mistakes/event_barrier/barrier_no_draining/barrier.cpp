// Event and barrier, part 2: the Barrier -- model answer.
//
// This follows CPython's threading.Barrier step by step. The barrier is
// always in one of four states:
//
//   filling   parties arrive and wait; the last one to arrive switches to
//   draining  the waiting parties wake up and leave; the last one to leave
//             switches back to filling, ready for the next round.
//   resetting reset() was called while parties were waiting: they leave with
//             BrokenBarrierError; the last one out switches back to filling.
//   broken    abort() or a timeout: every wait() throws until reset().
//
// count_ is the number of parties inside wait(). While the barrier drains,
// new arrivals wait in enter(): if they were let in, they would count towards
// the round that is just ending.
#include "sync.hpp"

namespace ipclab::sync {

int Barrier::wait(Timeout timeout) {
  if (!timeout) {
    timeout = default_timeout();
  }
  Lock lock(mutex_);
  enter(lock);  // throws BrokenBarrierError if the barrier is broken

  // Our arrival index: the first to arrive gets 0, the last parties_ - 1.
  const int index = count_;
  count_ = count_ + 1;

  try {
    if (index + 1 == parties_) {
      release();  // we are the last: everyone may go
    } else {
      wait_for_release(lock, timeout);
    }
  } catch (...) {
    // Even when we leave with an error, we are no longer inside.
    count_ = count_ - 1;
    leave();
    throw;
  }
  count_ = count_ - 1;
  leave();
  return index;
}

void Barrier::reset() {
  Lock lock(mutex_);
  if (count_ > 0) {
    // Parties are inside: they must leave first (with BrokenBarrierError).
    // The last one out switches to filling (see leave()).
    if (state_ == State::filling || state_ == State::broken) {
      state_ = State::resetting;
    }
    // draining: the parties inside are leaving anyway; leave() refills.
  } else {
    state_ = State::filling;
  }
  changed_.notify_all();
}

void Barrier::abort() {
  Lock lock(mutex_);
  break_barrier();
}

int Barrier::n_waiting() const {
  Lock lock(mutex_);
  if (state_ == State::filling) {
    return count_;
  }
  return 0;
}

bool Barrier::broken() const {
  Lock lock(mutex_);
  return state_ == State::broken;
}

void Barrier::enter(Lock& lock) {
  (void)lock;  // nothing to wait for: the last party already released everyone
  if (state_ == State::broken) {
    throw BrokenBarrierError("the barrier is broken");
  }
}

void Barrier::release() {
  state_ = State::draining;
  changed_.notify_all();  // every waiting party, not just one
}

void Barrier::wait_for_release(Lock& lock, Timeout timeout) {
  if (!timeout) {
    while (state_ == State::filling) {
      changed_.wait(lock);
    }
  } else {
    // As in Event::wait(): one deadline, computed before the loop.
    const auto deadline = std::chrono::system_clock::now() + *timeout;
    while (state_ == State::filling) {
      if (!changed_.timed_wait(lock, deadline)) {
        break;
      }
    }
    if (state_ == State::filling) {
      // Time is up and we were not released: break the barrier, so that the
      // other waiting parties do not wait forever for a round that cannot end.
      break_barrier();
      throw BrokenBarrierError("the barrier timed out and is now broken");
    }
  }
  if (state_ == State::broken || state_ == State::resetting) {
    throw BrokenBarrierError("the barrier was aborted or reset while waiting");
  }
  // draining: we passed.
}

void Barrier::leave() {
  if (count_ == 0 && (state_ == State::draining || state_ == State::resetting)) {
    // The last party is out: the next round can start.
    state_ = State::filling;
    changed_.notify_all();  // wake the parties waiting in enter()
  }
}

void Barrier::break_barrier() {
  state_ = State::broken;
  changed_.notify_all();
}

}  // namespace ipclab::sync
