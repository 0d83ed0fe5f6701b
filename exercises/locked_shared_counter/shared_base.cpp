// Provided: the parts of Region, Value and Array that are not the exercise --
// creating, opening and removing regions, finding objects by name, and the
// load()/store() accessors with their race window.
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/interprocess/shared_memory_object.hpp>
#include <chrono>
#include <stdexcept>

#include "fault_injection.hpp"
#include "shared_value.hpp"

namespace ipclab::shm {
namespace {

/// How long the race window lasts at least, even when sched_yield() finds
/// nobody else to run: long enough for a process on the other core to slip in.
constexpr std::chrono::nanoseconds kRaceWindow{2000};

/// The gap between a read and the write that follows it. In grading builds it
/// gives the processor to another process, then waits a moment, so that an
/// unlocked read-modify-write is overtaken by other processes every time,
/// whether they run on the same core or on another one.
void race_window() {
#if IPCLAB_GRADING_BUILD
  ::sched_yield();
  const auto until = std::chrono::steady_clock::now() + kRaceWindow;
  while (std::chrono::steady_clock::now() < until) {
  }
#endif
}

std::int64_t read_shared(std::int64_t& cell) {
  return std::atomic_ref<std::int64_t>(cell).load(std::memory_order_relaxed);
}

void write_shared(std::int64_t& cell, std::int64_t value) {
  std::atomic_ref<std::int64_t>(cell).store(value, std::memory_order_relaxed);
}

/// The named object `name` of `region`, checked to be a `Cell` by its size
/// and magic number. Found as bytes, so that a name holding another type is
/// reported instead of being misread.
template <class Cell>
Cell& find_cell(Region& region, const std::string& name, std::uint64_t magic, const char* kind) {
  auto [bytes, size] = region.memory().find<std::uint8_t>(name.c_str());
  if (bytes == nullptr) {
    throw std::runtime_error("region '" + region.name() + "' has no " + kind + " named '" + name +
                             "'");
  }
  if (size < sizeof(Cell) || reinterpret_cast<const Cell*>(bytes)->magic != magic) {
    throw std::runtime_error("'" + name + "' in region '" + region.name() + "' is not a " + kind);
  }
  return *reinterpret_cast<Cell*>(bytes);
}

bool inside(Region& region, const void* begin, std::size_t bytes) {
  auto* base = static_cast<const char*>(region.memory().get_address());
  auto* first = static_cast<const char*>(begin);
  std::size_t size = region.memory().get_size();
  return first >= base && first <= base + size && bytes <= std::size_t(base + size - first);
}

void check_index(std::size_t index, std::size_t length) {
  if (index >= length) {
    throw std::out_of_range("array index " + std::to_string(index) + " out of range (length " +
                            std::to_string(length) + ")");
  }
}

}  // namespace

Region::Region(std::string name, bip::managed_shared_memory memory)
    : name_(std::move(name)), memory_(std::move(memory)) {}

Region Region::create(const std::string& name, std::size_t bytes) {
  // A segment left by a crashed run would otherwise make create_only fail.
  bip::shared_memory_object::remove(name.c_str());
  // Group read-write: when graded, the reference's processes run as another
  // user of your group and open the same segment.
  return Region(name, bip::managed_shared_memory(bip::create_only, name.c_str(), bytes, nullptr,
                                                 bip::permissions(0660)));
}

Region Region::open(const std::string& name) {
  return Region(name, bip::managed_shared_memory(bip::open_only, name.c_str()));
}

bool Region::remove(const std::string& name) {
  return bip::shared_memory_object::remove(name.c_str());
}

Value Value::open(Region& region, const std::string& name) {
  return Value(find_cell<ValueCell>(region, name, kValueMagic, "Value"));
}

std::int64_t Value::load() const {
  std::int64_t value = read_shared(cell_->value);
  race_window();
  return value;
}

void Value::store(std::int64_t value) {
  race_window();
  fault::before_store();
  write_shared(cell_->value, value);
}

Array Array::open(Region& region, const std::string& name) {
  ArrayCell& cell = find_cell<ArrayCell>(region, name, kArrayMagic, "Array");
  if (cell.length > 0 && !inside(region, cell.items.get(), cell.length * sizeof(std::int64_t))) {
    throw std::runtime_error("the items of Array '" + name + "' are not inside region '" +
                             region.name() + "': allocate them with region.memory().allocate()");
  }
  return Array(cell);
}

bool Array::destroy(Region& region, const std::string& name) {
  if (region.memory().find<std::uint8_t>(name.c_str()).first == nullptr) return false;
  Array array = open(region, name);
  if (array.cell_->items) region.memory().deallocate(array.cell_->items.get());
  return region.memory().destroy<ArrayCell>(name.c_str());
}

std::int64_t Array::load(std::size_t index) const {
  check_index(index, size());
  std::int64_t value = read_shared(cell_->items[index]);
  race_window();
  return value;
}

void Array::store(std::size_t index, std::int64_t value) {
  check_index(index, size());
  race_window();
  cell_->last_writer_pid = ::getpid();
  write_shared(cell_->items[index], value);
}

namespace fault {
namespace {
pid_t armed_by = 0;    // the process that armed the fault; it never dies of it
long stores_left = 0;  // counted down in each child separately (fork copies it)
}  // namespace

void kill_children_at_store(long stores) {
  armed_by = stores > 0 ? ::getpid() : 0;
  stores_left = stores;
}

void before_store() {
  if (armed_by == 0 || ::getpid() == armed_by) return;
  if (--stores_left <= 0) ::kill(::getpid(), SIGKILL);
}

}  // namespace fault
}  // namespace ipclab::shm
