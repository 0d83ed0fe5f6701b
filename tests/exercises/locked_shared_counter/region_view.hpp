#pragma once
// The harness's own look at a region: it maps the segment and reads Values and
// Arrays directly (never through student code), and it tells who holds a lock.
// It never locks anything a driver uses.

#include <sys/types.h>

#include <boost/interprocess/managed_shared_memory.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared_value.hpp"

namespace lsc_harness {

using ipclab::shm::ArrayCell;
using ipclab::shm::Mutex;
using ipclab::shm::ValueCell;

/// A mapping of one region, for reading.
class RegionView {
 public:
  /// Maps /dev/shm/<name>; nullopt if there is no such managed segment.
  static std::optional<RegionView> open(const std::string& name);

  /// The Value `name`, or nullptr if the region has no object of that name
  /// or it is not a ValueCell.
  const ValueCell* value(const std::string& name);
  /// The Array `name`, or nullptr (like value()).
  const ArrayCell* array(const std::string& name);
  /// True if the region has any object named `name`.
  bool has(const std::string& name);

  /// The items of `cell`; empty if they do not lie inside the region.
  std::vector<std::int64_t> items(const ArrayCell& cell);
  /// True if the `length` items of `cell` lie inside the region.
  bool items_inside(const ArrayCell& cell);

 private:
  explicit RegionView(boost::interprocess::managed_shared_memory memory)
      : memory_(std::move(memory)) {}
  const void* find(const std::string& name, std::size_t bytes, std::uint64_t magic);

  boost::interprocess::managed_shared_memory memory_;
};

/// The thread (= process, for the single-threaded drivers) holding `mutex`,
/// or 0 when it is unlocked. Read from the futex word, without locking.
pid_t lock_owner(const Mutex& mutex);

/// Reads a number another process may be writing.
std::int64_t read_number(const std::int64_t& number);

/// The names of the segments in /dev/shm that start with `prefix`.
std::vector<std::string> segments_with_prefix(const std::string& prefix);

}  // namespace lsc_harness
