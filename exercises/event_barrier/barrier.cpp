// Event and barrier, part 2: the Barrier, with the state machine of CPython's
// threading.Barrier. Your file: replace every `throw NotImplemented(...)` with
// an implementation. The contracts are in sync.hpp; README.md has the states.
//
// Every function here runs with mutex_ locked: the public ones lock it
// themselves (Lock lock(mutex_);), the private steps are called by wait()
// while it holds the lock.
#include "sync.hpp"

namespace ipclab::sync {

int Barrier::wait(Timeout timeout) {
  // TODO:
  //  1. No timeout given: use default_timeout().
  //  2. Lock mutex_, then enter(lock) (it may throw: then count_ is untouched).
  //  3. Your index is count_ before you add yourself: int index = count_++;
  //  4. If you are the last (index + 1 == parties_): release();
  //     otherwise wait_for_release(lock, timeout).
  //  5. Whatever happens in step 4 -- a normal return OR an exception --
  //     you leave: --count_; leave(); (use try/catch, rethrow with `throw;`).
  //  6. Return index.
  (void)timeout;
  throw NotImplemented("Barrier::wait");
}

void Barrier::reset() {
  // TODO: with mutex_ locked:
  //  - if parties are inside wait() (count_ > 0): a filling or broken barrier
  //    becomes resetting (the waiting parties leave with BrokenBarrierError;
  //    the last one out refills it, see leave());
  //  - if nobody is inside: the state becomes filling at once;
  //  - then wake everyone (changed_.notify_all()).
  throw NotImplemented("Barrier::reset");
}

void Barrier::abort() {
  // TODO: with mutex_ locked: break_barrier().
  throw NotImplemented("Barrier::abort");
}

int Barrier::n_waiting() const {
  // TODO: with mutex_ locked: count_ while filling, 0 in any other state.
  throw NotImplemented("Barrier::n_waiting");
}

bool Barrier::broken() const {
  // TODO: with mutex_ locked: is the state broken?
  throw NotImplemented("Barrier::broken");
}

void Barrier::enter(Lock& lock) {
  // TODO: while the state is draining or resetting, changed_.wait(lock): the
  // previous round is still leaving, and you must not mix with it. Then, if
  // the state is broken, throw BrokenBarrierError("...").
  (void)lock;
  throw NotImplemented("Barrier::enter");
}

void Barrier::release() {
  // TODO: the state becomes draining; wake EVERY waiting party.
  throw NotImplemented("Barrier::release");
}

void Barrier::wait_for_release(Lock& lock, Timeout timeout) {
  // TODO:
  //  1. Wait while the state is filling: a while loop around changed_.wait(),
  //     or, with a timeout, changed_.timed_wait(lock, deadline) with the
  //     deadline computed once (std::chrono::system_clock::now() + *timeout).
  //  2. If the time ran out (still filling): break_barrier(), then throw
  //     BrokenBarrierError -- a timeout breaks the barrier for everyone.
  //  3. If the state is broken or resetting: throw BrokenBarrierError.
  //  4. Otherwise (draining) just return: you passed.
  (void)lock;
  (void)timeout;
  throw NotImplemented("Barrier::wait_for_release");
}

void Barrier::leave() {
  // TODO: if nobody is inside any more (count_ == 0) and the state is
  // draining or resetting: the state becomes filling, and wake everyone (the
  // parties waiting in enter() for the next round).
  throw NotImplemented("Barrier::leave");
}

void Barrier::break_barrier() {
  // TODO: the state becomes broken; wake everyone.
  throw NotImplemented("Barrier::break_barrier");
}

}  // namespace ipclab::sync
