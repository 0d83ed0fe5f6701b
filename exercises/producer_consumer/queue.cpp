// Producer-consumer, part 1: the queue's put(), get() and qsize(). Your file:
// replace every `throw NotImplemented(...)` with an implementation. The
// contracts are in queue.hpp; README.md walks through them.
#include <stdexcept>

#include "queue.hpp"

namespace ipclab::pc {

void Queue::put(Message item, bool block, Timeout timeout) {
  // TODO:
  //  1. SharedState& q = *shared_;  Lock lock(q.mutex);
  //  2. While the queue is full (q.count == q.capacity):
  //       - not blocking: throw Full("...") at once;
  //       - no timeout: q.not_full.wait(lock);
  //       - a timeout: compute deadline_after(*timeout) ONCE, before the loop, and
  //         q.not_full.timed_wait(lock, deadline); when it returns false (time is
  //         up) and the queue is still full, throw Full.
  //     Use `while`, not `if`: a waiter may wake up and find the queue full again.
  //  3. Write the item into q.slots[q.tail] (is_sentinel = !item), move q.tail
  //     one slot on (wrapping around at q.capacity), ++q.count.
  //  4. q.not_empty.notify_one(): a get() may be waiting for this item.
  (void)item;
  (void)block;
  (void)timeout;
  throw NotImplemented("Queue::put");
}

Message Queue::get(bool block, Timeout timeout) {
  // TODO: the mirror image of put(): wait on q.not_empty while q.count == 0
  // (throw Empty when not blocking or when the time is up), take the slot at
  // q.head, move q.head on (wrapping at q.capacity), --q.count, then
  // q.not_full.notify_one(). Return None for a sentinel slot.
  (void)block;
  (void)timeout;
  throw NotImplemented("Queue::get");
}

std::size_t Queue::qsize() const {
  // TODO: return q.count, read while holding q.mutex.
  throw NotImplemented("Queue::qsize");
}

}  // namespace ipclab::pc
