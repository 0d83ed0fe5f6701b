#pragma once
// A SteadyClock for tests: it starts at an arbitrary time and moves only by
// `step` each time it is read (zero: never), so deadlines of hours pass in a
// few readings and a frozen clock never reaches any.

#include <algorithm>
#include <atomic>
#include <chrono>

#include "exec/steady_clock.hpp"

namespace ipclab::exec::testing {

class FakeClock : public SteadyClock {
 public:
  explicit FakeClock(std::chrono::milliseconds step = std::chrono::milliseconds(0)) : step_(step) {}

  time_point now() const override {
    return time_point(std::chrono::milliseconds(1'000'000) +
                      std::chrono::milliseconds(now_ms_.fetch_add(step_.count())));
  }
  /// How many times now() was called.
  long long readings() const { return now_ms_.load() / std::max<long long>(step_.count(), 1); }

 private:
  std::chrono::milliseconds step_;
  mutable std::atomic<long long> now_ms_{0};
};

}  // namespace ipclab::exec::testing
