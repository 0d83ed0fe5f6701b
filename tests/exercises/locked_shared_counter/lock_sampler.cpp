#include "lock_sampler.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <boost/interprocess/managed_shared_memory.hpp>
#include <cerrno>
#include <chrono>
#include <ctime>

#include "harness/outcome.hpp"
#include "harness/words.hpp"
#include "shared_value.hpp"

namespace lsc_harness {

namespace bip = boost::interprocess;
using ipclab::harness::abort_test;
using ipclab::harness::Outcome;
using ipclab::harness::trf;

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

/// Puts the calling thread and process `driver` on the CPU the thread runs on.
void share_cpu_with(pid_t driver) {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(static_cast<unsigned>(std::max(0, ::sched_getcpu())), &one);
  ::sched_setaffinity(0, sizeof one, &one);
  ::sched_setaffinity(driver, sizeof one, &one);
}

/// pthread_mutex_timedlock() for 100 ms: it sleeps in the futex (so an
/// unlock() wakes it), and returns now and then to look at `stopping`.
int lock_for_a_while(pthread_mutex_t& mutex) {
  timespec until{};
  ::clock_gettime(CLOCK_REALTIME, &until);
  until.tv_nsec += 100'000'000;
  if (until.tv_nsec >= 1'000'000'000) {
    until.tv_sec += 1;
    until.tv_nsec -= 1'000'000'000;
  }
  return ::pthread_mutex_timedlock(&mutex, &until);
}

}  // namespace

LockSampler::LockSampler(const std::string& region, const std::string& array, pid_t driver,
                         std::vector<std::int64_t> before, std::vector<std::int64_t> after)
    : before_(std::move(before)), after_(std::move(after)) {
  try {
    mapping_ = std::make_unique<Mapping>(
        Mapping{bip::managed_shared_memory(bip::open_only, region.c_str())});
  } catch (const bip::interprocess_exception& e) {
    abort_test(Outcome::unresolved,
               trf("the harness could not map region {}: {}", region, e.what()));
  }
  ipclab::shm::ArrayCell* cell = find_array(mapping_->memory, array);
  if (cell == nullptr || cell->length != before_.size()) {
    abort_test(Outcome::unresolved,
               trf("the harness found no array '{}' of {} items", array, before_.size()));
  }
  thread_ = std::thread([this, cell, driver] { run(cell, driver); });
}

LockSampler::~LockSampler() {
  stop();
}

void LockSampler::run(void* raw_cell, pid_t driver) {
  share_cpu_with(driver);
  auto* cell = static_cast<ipclab::shm::ArrayCell*>(raw_cell);
  // Boost's interprocess_mutex is a pthread mutex (see region_view.cpp).
  auto& mutex = reinterpret_cast<pthread_mutex_t&>(cell->lock);
  const std::int64_t* items = cell->items.get();
  std::vector<std::int64_t> snapshot(before_.size());
  while (!stopping_.load()) {
    int locked = lock_for_a_while(mutex);
    if (locked == ETIMEDOUT) continue;
    if (locked != 0) return;  // the owner died holding it: nothing more to see
    snapshot.assign(items, items + snapshot.size());
    ::pthread_mutex_unlock(&mutex);
    if (snapshot != before_ && snapshot != after_ && !half_done_) half_done_ = snapshot;
    // Let the driver have the lock: taking it right back would starve it.
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

std::optional<std::vector<std::int64_t>> LockSampler::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return half_done_;
}

}  // namespace lsc_harness
