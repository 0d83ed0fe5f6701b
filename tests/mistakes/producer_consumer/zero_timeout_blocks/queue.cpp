// Producer-consumer, part 1: the queue's put(), get() and qsize(). Model answer.
//
// The idea in one sentence: every process maps the same SharedState, and all of
// them follow one rule -- touch head, tail, count and the slots only while
// holding the mutex, and wait on a condition (never by spinning) when the queue
// is full (put) or empty (get).
#include "queue.hpp"

namespace ipclab::pc {
namespace {

/// Waits on `condition` until `ready()` is true. Returns false if the caller
/// has to give up instead: it may not block, or the timeout ran out first.
///
/// The loop matters: wait() can return although nobody changed the queue
/// (a "spurious" wake-up), or another process may have taken the item or the
/// room that a notify announced before this process got the mutex back. So
/// after every wake-up, check again.
template <class Ready>
bool wait_until_ready(boost::interprocess::interprocess_condition& condition, Lock& lock,
                      Ready ready, bool block, Timeout timeout) {
  if (!block) return ready();               // non-blocking: the timeout is ignored, as in Python
  if (!timeout || timeout->count() <= 0) {  // no (positive) timeout: wait as long as it takes
    while (!ready())
      condition.wait(lock);
    return true;
  }
  // One deadline for the whole call: re-computing "now + timeout" after every
  // wake-up would let a stream of wake-ups postpone the timeout forever.
  const boost::posix_time::ptime deadline = deadline_after(*timeout);
  while (!ready()) {
    // timed_wait() returns false when the deadline has passed. The queue may
    // still have changed at the last moment, so look once more before giving up.
    if (!condition.timed_wait(lock, deadline)) return ready();
  }
  return true;
}

}  // namespace

void Queue::put(Message item, bool block, Timeout timeout) {
  SharedState& q = *shared_;
  Lock lock(q.mutex);  // released automatically when put() returns or throws
  auto has_room = [&q] { return q.count < q.capacity; };
  if (!wait_until_ready(q.not_full, lock, has_room, block, timeout)) {
    throw Full("put(): the queue is full");
  }
  // Write at the tail of the ring, then move the tail on. The modulo makes the
  // index wrap around: with capacity 4, slot 3 is followed by slot 0.
  q.slots[q.tail].is_sentinel = !item.has_value();
  q.slots[q.tail].value = item.value_or(0);
  q.tail = (q.tail + 1) % q.capacity;
  q.count += 1;
  // A consumer may be waiting for exactly this item, possibly in another
  // process: wake one. (Waking all would also be correct, just slower.)
  q.not_empty.notify_one();
}

Message Queue::get(bool block, Timeout timeout) {
  SharedState& q = *shared_;
  Lock lock(q.mutex);
  auto has_item = [&q] { return q.count > 0; };
  if (!wait_until_ready(q.not_empty, lock, has_item, block, timeout)) {
    throw Empty("get(): the queue is empty");
  }
  // Take the oldest item, at the head of the ring.
  const Slot slot = q.slots[q.head];
  q.head = (q.head + 1) % q.capacity;
  q.count -= 1;
  // There is room now: a producer blocked in put() may go on.
  q.not_full.notify_one();
  if (slot.is_sentinel) return None;
  return slot.value;
}

std::size_t Queue::qsize() const {
  // Under the lock, so we never read count in the middle of someone's update.
  // The answer may be stale as soon as we unlock: qsize() is approximate.
  Lock lock(shared_->mutex);
  return shared_->count;
}

}  // namespace ipclab::pc
