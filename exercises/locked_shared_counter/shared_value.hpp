#pragma once
// Locked shared counter: numbers in shared memory, protected by a lock that
// lives next to them, like Python's multiprocessing.Value and Array.
//
// A Region is a named shared-memory segment (Boost's managed_shared_memory).
// Every process that opens the same name maps the same bytes, so a number
// written there by one process is seen by all the others. Inside a region
// live named objects; their layout is fixed by this header, so your
// processes and the reference ones can work on the same objects at once:
//
//   Value "v":  ValueCell { magic | lock | value }
//   Array "a":  ArrayCell { magic | lock | length | items ---+ | last_writer_pid }
//                                                            |
//               length numbers, elsewhere in the region <----+
//
// The lock is a Boost interprocess_mutex: a process-shared (and robust)
// pthread mutex. It works across processes because it lives in the region.
//
// You implement the functions marked "you implement" in value.cpp and
// array.cpp. Everything else is provided; do not change this header.

#include <boost/interprocess/managed_shared_memory.hpp>
#include <boost/interprocess/offset_ptr.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "ipclab/errors.hpp"

namespace ipclab::shm {

namespace bip = boost::interprocess;

using Mutex = bip::interprocess_mutex;  ///< a process-shared mutex
/// Locks in its constructor, unlocks in its destructor, like Python's `with`:
///   Lock lock(counter.get_lock());     // with counter.get_lock():
using Lock = bip::scoped_lock<Mutex>;

/// How big Region::create() makes a region unless told otherwise.
inline constexpr std::size_t kRegionBytes = 64 * 1024;

/// Mark a ValueCell / ArrayCell that was constructed (open() checks them).
inline constexpr std::uint64_t kValueMagic = 0x45554c4156444853;  // "SHDVALUE"
inline constexpr std::uint64_t kArrayMagic = 0x5941525241444853;  // "SHDARRAY"

/// A Value as it sits in a region: the number and the lock that protects it.
/// Construct it in the region: region.memory().construct<ValueCell>(name)(initial).
struct ValueCell {
  explicit ValueCell(std::int64_t initial) : value(initial) {}
  std::uint64_t magic = kValueMagic;
  Mutex lock;          ///< protects `value`
  std::int64_t value;  ///< read and write it only through Value::load()/store()
};

/// An Array as it sits in a region: its lock, its length and where its items
/// are. Construct it in the region: region.memory().construct<ArrayCell>(name)(length),
/// then point `items` at `length` numbers allocated in the same region.
struct ArrayCell {
  explicit ArrayCell(std::size_t size) : length(size) {}
  std::uint64_t magic = kArrayMagic;
  Mutex lock;                           ///< protects every item
  std::uint64_t length;                 ///< how many items
  bip::offset_ptr<std::int64_t> items;  ///< the first item, in the same region
  std::int64_t last_writer_pid = 0;     ///< set by Array::store() (the tests look at it)
};

/// A named shared-memory segment holding Values and Arrays. A Region object
/// maps the segment into this process: destroying it unmaps it; remove()
/// deletes the name, once every process is done with it.
class Region {
 public:
  /// Creates the segment `name` of `bytes` bytes (after removing a stale one
  /// of that name) and maps it. Throws bip::interprocess_exception on failure.
  static Region create(const std::string& name, std::size_t bytes = kRegionBytes);

  /// Maps the existing segment `name`. Throws bip::interprocess_exception if
  /// there is none.
  static Region open(const std::string& name);

  /// Deletes the segment `name` from /dev/shm. Processes that mapped it keep
  /// their mapping. Returns false if there was nothing to delete.
  static bool remove(const std::string& name);

  Region(Region&&) noexcept = default;
  Region& operator=(Region&&) noexcept = default;

  const std::string& name() const { return name_; }
  /// Boost's view of the segment: construct<T>(name)(args...), allocate(bytes), ...
  bip::managed_shared_memory& memory() { return memory_; }

 private:
  Region(std::string name, bip::managed_shared_memory memory);
  std::string name_;
  bip::managed_shared_memory memory_;
};

/// A shared 64-bit integer with its lock: Python's Value('q', initial).
/// A Value object is only a handle: copies of it use the same ValueCell.
class Value {
 public:
  explicit Value(ValueCell& cell) : cell_(&cell) {}

  // ---- you implement this (value.cpp) -------------------------------------

  /// Constructs a ValueCell named `name` holding `initial` inside `region`,
  /// and returns a handle to it. Throws bip::interprocess_exception if the
  /// region already has an object of that name, or no room left.
  static Value create(Region& region, const std::string& name, std::int64_t initial = 0);

  // ---- provided (shared_base.cpp) -----------------------------------------

  /// The Value `name` of `region`. Throws std::runtime_error if there is none.
  static Value open(Region& region, const std::string& name);

  /// Reads the number (Python: `v.value`). Not atomic with store(): between a
  /// load() and a store(), another process may store too. In grading builds,
  /// load() (after reading) and store() (before writing) give the processor
  /// away (sched_yield()) and pause for 2 microseconds, so that gap is wide: a
  /// read-modify-write without the lock loses updates every time, not once in
  /// a million.
  std::int64_t load() const;
  /// Writes the number (Python: `v.value = x`). See load().
  void store(std::int64_t value);

  /// The lock that protects this Value (Python: `v.get_lock()`). It is not
  /// recursive: never lock it twice in one process.
  Mutex& get_lock() { return cell_->lock; }

  ValueCell& cell() { return *cell_; }

 private:
  ValueCell* cell_;
};

/// A shared array of 64-bit integers with one lock: Python's Array('q', length).
class Array {
 public:
  explicit Array(ArrayCell& cell) : cell_(&cell) {}

  // ---- you implement this (array.cpp) -------------------------------------

  /// Constructs an ArrayCell named `name` in `region`, allocates its `length`
  /// items in the same region with region.memory().allocate() and sets every
  /// item to 0 (Python's Array('q', 10) is all zeros). Throws
  /// bip::interprocess_exception if the name is taken or there is no room.
  static Array create(Region& region, const std::string& name, std::size_t length);

  // ---- provided (shared_base.cpp) -----------------------------------------

  /// The Array `name` of `region`. Throws std::runtime_error if there is none,
  /// or if its items do not lie inside the region.
  static Array open(Region& region, const std::string& name);

  /// Gives the items (region.memory().deallocate()) and the ArrayCell back to
  /// the region. Returns false if there is no Array `name`.
  static bool destroy(Region& region, const std::string& name);

  std::size_t size() const { return cell_->length; }
  /// Item `index` (Python: `a[index]`). Throws std::out_of_range (Python's
  /// IndexError) if index >= size(). Races like Value::load().
  std::int64_t load(std::size_t index) const;
  /// Sets item `index` (Python: `a[index] = x`). Throws std::out_of_range.
  void store(std::size_t index, std::int64_t value);

  /// The one lock that protects every item (Python: `a.get_lock()`).
  Mutex& get_lock() { return cell_->lock; }

  ArrayCell& cell() { return *cell_; }

 private:
  ArrayCell* cell_;
};

// ---- you implement these (value.cpp) ----------------------------------------

/// Adds 1 to `counter`, `times` times, each time holding counter.get_lock()
/// for the whole read-modify-write (Python: `with v.get_lock(): v.value += 1`).
/// Lets exceptions through (bip::lock_exception if a lock owner died).
void increment(Value& counter, int times);

/// The classic: creates a region with a fresh name (ipclab::unique_name())
/// holding a Value 0, forks `processes` worker processes that each run
/// increment(counter, times) and end with _exit() (status 0 on success, 1 if
/// it threw), waits for every one of them, removes the region, and returns the
/// final value (processes * times when all went well). Throws
/// std::runtime_error if a worker failed (after waiting for all of them and
/// removing the region).
std::int64_t run_increments(int processes, int times);

// ---- you implement these (array.cpp) ----------------------------------------

/// Adds `delta` to item `index` while holding array.get_lock() (Python:
/// `with a.get_lock(): a[index] += delta`). Throws std::out_of_range for a bad
/// index, and then the lock must not stay locked.
void add_at(Array& array, std::size_t index, std::int64_t delta);

/// Turns the items into their running sums, in place: a[i] += a[i - 1] for
/// i = 1 .. size() - 1, holding array.get_lock() for the whole loop, so that no
/// other process sees or changes a half-done array.
void prefix_sum(Array& array);

/// Python's `p = Process(target=prefix_sum, args=(a,)); p.start(); p.join()`:
/// forks one child that runs prefix_sum(array) and ends with _exit(), and
/// waits for it. The parent then sees the child's work, because the array is
/// in shared memory. Throws std::runtime_error if the child failed.
void run_prefix_sum(Array& array);

}  // namespace ipclab::shm
