// Event and barrier, part 1: the Event. Your file: replace every
// `throw NotImplemented(...)` with an implementation. The contracts are in
// sync.hpp; README.md walks through them.
#include "sync.hpp"

namespace ipclab::sync {

bool Event::is_set() const {
  // TODO: lock mutex_ (Lock lock(mutex_);) and return flag_.
  throw NotImplemented("Event::is_set");
}

void Event::set() {
  // TODO: while holding mutex_: set flag_ to true, then wake EVERY waiting
  // process with changed_.notify_all() (notify_one() would wake only one).
  throw NotImplemented("Event::set");
}

void Event::clear() {
  // TODO: while holding mutex_: set flag_ to false.
  throw NotImplemented("Event::clear");
}

bool Event::wait(Timeout timeout) {
  // TODO:
  //  1. Lock mutex_ FIRST, then look at flag_ (looking before locking loses
  //     a set() that happens in between).
  //  2. No timeout: `while (!flag_) changed_.wait(lock);` -- a while, not an
  //     if: a condition may wake you up although nothing changed.
  //  3. With a timeout: compute the deadline ONCE, before the loop:
  //     auto deadline = std::chrono::system_clock::now() + *timeout;
  //     then `while (!flag_)`, wait with changed_.timed_wait(lock, deadline),
  //     which returns false when the deadline has passed: stop waiting then.
  //  4. Return flag_ (true: set; false: the time ran out).
  (void)timeout;
  throw NotImplemented("Event::wait");
}

}  // namespace ipclab::sync
