#pragma once
// Producer-consumer: a bounded queue in shared memory, like Python's
// multiprocessing.Queue(maxsize), and the producer/consumer pipeline built on it.
//
// The queue lives in one shared-memory segment that every process maps. Its
// layout (SharedState below) is fixed by this header, so your processes and the
// reference ones can work on the same queue:
//
//   +-------+----------+-------+-----------+----------+------+------+-------+-----------+
//   | magic | capacity | mutex | not_empty | not_full | head | tail | count | slots ... |
//   +-------+----------+-------+-----------+----------+------+------+-------+-----------+
//
// The slots form a ring buffer: put() writes at `tail`, get() reads at `head`,
// both indexes wrap around at `capacity`, and `count` says how many slots are full.
//
// You implement the functions marked "you implement" in queue.cpp and
// pipeline.cpp. Everything else is provided; do not change this header.

#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ipclab/errors.hpp"

namespace ipclab::pc {

using ipclab::Empty;  // get() found nothing in time (Python's queue.Empty)
using ipclab::Full;   // put() found no room in time (Python's queue.Full)

/// The items the queue carries.
using Item = std::int64_t;

/// What put() takes and get() returns: an item, or the sentinel None
/// (std::nullopt) that tells a consumer "no more items".
using Message = std::optional<Item>;

/// Python's None: `queue.put(None)` puts the sentinel.
inline constexpr std::nullopt_t None = std::nullopt;

/// How long put() or get() may wait; std::nullopt means "as long as it takes",
/// zero or negative "do not wait".
using Timeout = std::optional<std::chrono::milliseconds>;

/// The largest maxsize a queue can have: the segment has this many slots.
inline constexpr std::size_t kMaxSlots = 1024;

/// Marks a segment that holds a fully constructed queue.
inline constexpr std::uint64_t kQueueMagic = 0x5155454c42414350;  // "PCABLEUQ"

/// One slot of the ring buffer: an item, or the sentinel.
struct Slot {
  bool is_sentinel = false;  ///< true: this slot holds None
  Item value = 0;            ///< the item, when is_sentinel is false
};

/// The queue as it sits in shared memory, the same in every process.
/// Read or write head, tail, count and slots only while holding `mutex`.
struct SharedState {
  explicit SharedState(std::uint32_t maxsize) : capacity(maxsize) {}

  std::uint64_t magic = kQueueMagic;
  std::uint32_t capacity;  ///< maxsize: the queue never holds more items than this

  /// Process-shared (Boost creates them with PTHREAD_PROCESS_SHARED): they work
  /// across processes because they live in the shared segment itself.
  boost::interprocess::interprocess_mutex mutex;
  boost::interprocess::interprocess_condition not_empty;  ///< notified after a put()
  boost::interprocess::interprocess_condition not_full;   ///< notified after a get()

  std::uint32_t head = 0;   ///< the slot get() reads next (the oldest item)
  std::uint32_t tail = 0;   ///< the slot put() writes next
  std::uint32_t count = 0;  ///< how many items are in the queue
  Slot slots[kMaxSlots];    ///< only slots[0 .. capacity) are used
};

/// Locks `mutex` for a scope: `Lock lock(state.mutex);`. Pass it to wait().
using Lock = boost::interprocess::scoped_lock<boost::interprocess::interprocess_mutex>;

/// The moment `timeout` from now, as interprocess_condition::timed_wait() wants it.
/// Compute it once, before you start waiting: every wait then ends at the same moment.
boost::posix_time::ptime deadline_after(std::chrono::milliseconds timeout);

/// A bounded queue in a named shared-memory segment. Every process that opens
/// the same name works on the same queue. A Queue object only maps the segment:
/// destroying it unmaps it, remove() deletes it.
class Queue {
 public:
  // ---- provided (queue_base.cpp) ------------------------------------------

  /// Creates the segment `name` holding an empty queue of `maxsize` items
  /// (1..kMaxSlots), after removing a stale segment of that name.
  /// Throws std::invalid_argument for a bad maxsize, interprocess_exception if
  /// the segment cannot be created.
  static Queue create(const std::string& name, std::size_t maxsize);

  /// Maps the existing queue `name`. Throws interprocess_exception if there is
  /// no such segment, std::runtime_error if it does not hold a queue.
  static Queue open(const std::string& name);

  /// Deletes the segment `name` (processes that mapped it keep their mapping).
  /// Returns false if there was nothing to delete.
  static bool remove(const std::string& name);

  Queue(Queue&&) noexcept = default;
  Queue& operator=(Queue&&) noexcept = default;
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  /// Python's put_nowait(item) and get_nowait(): put(item, false), get(false).
  void put_nowait(Message item) { put(item, false); }
  Message get_nowait() { return get(false); }

  std::size_t maxsize() const { return shared_->capacity; }
  const std::string& name() const { return name_; }
  /// The shared state itself (the driver uses it to wake waiters on purpose).
  SharedState& shared() { return *shared_; }

  // ---- you implement these (queue.cpp) ------------------------------------

  /// Python's put(item, block=True, timeout=None): appends `item` (an item or
  /// None). When the queue is full:
  ///  - block == false: throws Full at once (the timeout is ignored);
  ///  - block == true, no timeout: waits until there is room;
  ///  - block == true, timeout: waits at most that long, then throws Full.
  ///    A timeout of zero or less does not wait at all: Full at once (as in
  ///    Python's multiprocessing.Queue; queue.Queue would raise ValueError
  ///    for a negative one).
  void put(Message item, bool block = true, Timeout timeout = std::nullopt);

  /// Python's get(block=True, timeout=None): removes and returns the oldest
  /// item (or None). When the queue is empty it waits like put() does, and
  /// throws Empty instead of Full.
  Message get(bool block = true, Timeout timeout = std::nullopt);

  /// How many items the queue holds right now. Another process may change
  /// that a moment later, so it is only approximate.
  std::size_t qsize() const;

 private:
  Queue(std::string name, boost::interprocess::mapped_region region);

  std::string name_;
  boost::interprocess::mapped_region region_;
  SharedState* shared_ = nullptr;
};

// ---- you implement these (pipeline.cpp) ------------------------------------

/// A producer: puts first, first + 1, ..., first + count - 1, in that order,
/// waiting whenever the queue is full. It puts no sentinel.
void produce(Queue& queue, Item first, Item count);

/// A consumer: gets items until it gets the sentinel None, and returns them in
/// the order it got them (without the sentinel). It waits as long as it takes
/// for each item: an empty queue only means the producers are slower.
std::vector<Item> consume(Queue& queue);

/// What run_pipeline() collected.
struct PipelineResult {
  Item total = 0;                  ///< the sum of every item consumed
  std::vector<Item> per_consumer;  ///< the sum each consumer reported, one per consumer
};

/// The whole pipeline: a work queue of `maxsize` items and a results queue;
/// `consumers` consumer processes that each consume() the work queue and put
/// the sum of their items into the results queue; `producers` producer
/// processes, producer p putting p * per_producer ... (p + 1) * per_producer - 1.
/// The parent joins the producers, puts one None per consumer, collects one
/// result per consumer, joins the consumers and removes both queues.
/// Throws std::runtime_error if a child process failed.
PipelineResult run_pipeline(int producers, int consumers, Item per_producer, std::size_t maxsize);

}  // namespace ipclab::pc
