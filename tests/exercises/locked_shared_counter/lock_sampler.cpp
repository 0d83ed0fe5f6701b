#include "lock_sampler.hpp"

#include <boost/interprocess/managed_shared_memory.hpp>
#include <chrono>

#include "harness/outcome.hpp"
#include "shared_value.hpp"

namespace lsc_harness {

namespace bip = boost::interprocess;
using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

struct LockSampler::Mapping {
  bip::managed_shared_memory memory;
};

namespace {

/// The ArrayCell `name` of `memory`, or nullptr.
ipclab::shm::ArrayCell* find_array(bip::managed_shared_memory& memory, const std::string& name) {
  auto [found, count] = memory.find<std::uint8_t>(name.c_str());
  if (found == nullptr || count < sizeof(ipclab::shm::ArrayCell)) return nullptr;
  auto* cell = reinterpret_cast<ipclab::shm::ArrayCell*>(found);
  return cell->magic == ipclab::shm::kArrayMagic ? cell : nullptr;
}

}  // namespace

LockSampler::LockSampler(const std::string& region, const std::string& array,
                         std::vector<std::int64_t> before, std::vector<std::int64_t> after)
    : before_(std::move(before)), after_(std::move(after)) {
  try {
    mapping_ = std::make_unique<Mapping>(
        Mapping{bip::managed_shared_memory(bip::open_only, region.c_str())});
  } catch (const bip::interprocess_exception& e) {
    abort_test(Outcome::unresolved, "the harness could not map region " + region + ": " + e.what());
  }
  ipclab::shm::ArrayCell* cell = find_array(mapping_->memory, array);
  if (cell == nullptr || cell->length != before_.size()) {
    abort_test(Outcome::unresolved, "the harness found no array '" + array + "' of " +
                                        std::to_string(before_.size()) + " items");
  }
  thread_ = std::thread([this, cell] { run(cell); });
}

LockSampler::~LockSampler() {
  stop();
}

void LockSampler::run(void* raw_cell) {
  auto* cell = static_cast<ipclab::shm::ArrayCell*>(raw_cell);
  const std::int64_t* items = cell->items.get();
  std::vector<std::int64_t> snapshot(before_.size());
  while (!stopping_.load()) {
    // Spinning on try_lock (not lock()) so that even a gap of a few
    // instructions between two of the driver's locks is seen. A lock whose
    // owner died throws: then there is nothing more to see.
    try {
      if (!cell->lock.try_lock()) continue;
    } catch (const bip::interprocess_exception&) {
      return;
    }
    snapshot.assign(items, items + snapshot.size());
    cell->lock.unlock();
    if (snapshot != before_ && snapshot != after_ && !half_done_) half_done_ = snapshot;
    // Let a driver waiting for the lock have it: spinning right back would
    // starve it. The first snapshot taken in a gap is all it takes to see one.
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

std::optional<std::vector<std::int64_t>> LockSampler::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return half_done_;
}

}  // namespace lsc_harness
