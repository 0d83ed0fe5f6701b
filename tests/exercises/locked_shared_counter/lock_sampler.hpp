#pragma once
// Another process wanting an Array's lock while a driver works on it: a thread
// of the harness that waits for the lock, copies the items while holding it,
// and lets go at once. A snapshot taken under the lock that is neither the
// array before nor after the driver's call shows that the call let go of the
// lock half-way through its work.
//
// A lock let go and taken back at once is free for a few nanoseconds: a
// sampler on another CPU never gets it. So the sampler and the driver share
// one CPU, and the sampler sleeps in the lock's futex: the driver's unlock()
// wakes it, the scheduler runs the woken sampler before the driver goes on
// (it has slept, the driver has not), and the sampler takes the free lock.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lsc_harness {

class LockSampler {
 public:
  /// Starts sampling Array `array` of region `region`, sharing a CPU with
  /// process `driver`. Ends the test (unresolved) if the harness cannot map
  /// the region or find the array.
  LockSampler(const std::string& region, const std::string& array, pid_t driver,
              std::vector<std::int64_t> before, std::vector<std::int64_t> after);
  ~LockSampler();
  LockSampler(const LockSampler&) = delete;
  LockSampler& operator=(const LockSampler&) = delete;

  /// Stops the thread; returns the first snapshot that was neither `before`
  /// nor `after`, or nullopt when every snapshot was one of them.
  std::optional<std::vector<std::int64_t>> stop();

 private:
  void run(void* cell, pid_t driver);

  std::vector<std::int64_t> before_;
  std::vector<std::int64_t> after_;
  std::optional<std::vector<std::int64_t>> half_done_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  struct Mapping;
  std::unique_ptr<Mapping> mapping_;
};

}  // namespace lsc_harness
