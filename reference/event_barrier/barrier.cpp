// Reference Barrier: CPython's threading.Barrier state machine.
#include "sync.hpp"

namespace ipclab::sync {

int Barrier::wait(Timeout timeout) {
  if (!timeout) timeout = default_timeout();
  Lock lock(mutex_);
  enter(lock);
  const int index = count_++;
  try {
    if (index + 1 == parties_)
      release();
    else
      wait_for_release(lock, timeout);
  } catch (...) {
    --count_;
    leave();
    throw;
  }
  --count_;
  leave();
  return index;
}

void Barrier::reset() {
  Lock lock(mutex_);
  if (count_ > 0) {
    if (state_ == State::filling || state_ == State::broken) state_ = State::resetting;
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
  return state_ == State::filling ? count_ : 0;
}

bool Barrier::broken() const {
  Lock lock(mutex_);
  return state_ == State::broken;
}

void Barrier::enter(Lock& lock) {
  changed_.wait(lock, [this] { return state_ != State::draining && state_ != State::resetting; });
  if (state_ == State::broken) throw BrokenBarrierError("the barrier is broken");
}

void Barrier::release() {
  state_ = State::draining;
  changed_.notify_all();
}

void Barrier::wait_for_release(Lock& lock, Timeout timeout) {
  auto released = [this] { return state_ != State::filling; };
  if (!timeout) {
    changed_.wait(lock, released);
  } else if (!changed_.timed_wait(lock, std::chrono::system_clock::now() + *timeout, released)) {
    break_barrier();
    throw BrokenBarrierError("timed out: the barrier is now broken");
  }
  if (state_ == State::broken || state_ == State::resetting) {
    throw BrokenBarrierError("the barrier was broken or reset while waiting");
  }
}

void Barrier::leave() {
  if (count_ == 0 && (state_ == State::draining || state_ == State::resetting)) {
    state_ = State::filling;
    changed_.notify_all();
  }
}

void Barrier::break_barrier() {
  state_ = State::broken;
  changed_.notify_all();
}

}  // namespace ipclab::sync
