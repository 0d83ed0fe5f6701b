#pragma once
// The clock supervision measures its deadlines with, as a seam: the machine's
// steady clock in the grader and the harnesses, a fake one in tests.

#include <chrono>

namespace ipclab::exec {

class SteadyClock {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  virtual ~SteadyClock() = default;
  /// The current time; never goes backwards. Safe to call from any thread.
  virtual time_point now() const = 0;

  /// std::chrono::steady_clock, as one shared instance.
  static const SteadyClock& system();
};

}  // namespace ipclab::exec
