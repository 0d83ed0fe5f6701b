// Reference implementation of the shared-memory queue.
#include "queue.hpp"

namespace ipclab::pc {
namespace {

namespace bip = boost::interprocess;

/// Waits on `cond` while `busy()` holds, as Python's Queue does; false when the
/// caller must give up (not blocking, or the deadline passed while still busy).
template <class Busy>
bool wait_while(bip::interprocess_condition& cond, Lock& lock, Busy busy, bool block,
                Timeout timeout) {
  if (!block) return !busy();
  if (!timeout) {
    cond.wait(lock, [&] { return !busy(); });
    return true;
  }
  return cond.timed_wait(lock, deadline_after(*timeout), [&] { return !busy(); });
}

}  // namespace

void Queue::put(Message item, bool block, Timeout timeout) {
  SharedState& q = *shared_;
  Lock lock(q.mutex);
  if (!wait_while(
          q.not_full, lock, [&] { return q.count >= q.capacity; }, block, timeout)) {
    throw Full("queue is full");
  }
  q.slots[q.tail] = Slot{!item.has_value(), item.value_or(0)};
  q.tail = (q.tail + 1) % q.capacity;
  ++q.count;
  q.not_empty.notify_one();
}

Message Queue::get(bool block, Timeout timeout) {
  SharedState& q = *shared_;
  Lock lock(q.mutex);
  if (!wait_while(
          q.not_empty, lock, [&] { return q.count == 0; }, block, timeout)) {
    throw Empty("queue is empty");
  }
  Slot slot = q.slots[q.head];
  q.head = (q.head + 1) % q.capacity;
  --q.count;
  q.not_full.notify_one();
  return slot.is_sentinel ? Message{} : Message{slot.value};
}

std::size_t Queue::qsize() const {
  Lock lock(shared_->mutex);
  return shared_->count;
}

}  // namespace ipclab::pc
