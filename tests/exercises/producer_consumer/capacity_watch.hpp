#pragma once
// An observer that checks the queue's central invariant while processes work
// on it: a queue never holds more items than its maxsize (and its count never
// goes below zero). It samples every queue segment whose name starts with a
// prefix, from a background thread of the harness.

#include <atomic>
#include <string>
#include <thread>

namespace pc_harness {

class CapacityWatch {
 public:
  /// Starts watching the queues named `prefix`... (existing and future ones).
  explicit CapacityWatch(std::string prefix);
  ~CapacityWatch();
  CapacityWatch(const CapacityWatch&) = delete;
  CapacityWatch& operator=(const CapacityWatch&) = delete;

  /// Stops watching. Returns "" if every queue stayed within its maxsize,
  /// else a sentence that says what was seen.
  std::string stop();

 private:
  void run();

  std::string prefix_;
  std::atomic<bool> stopping_{false};
  std::string violation_;  ///< written by the thread, read after join
  std::thread thread_;
};

}  // namespace pc_harness
