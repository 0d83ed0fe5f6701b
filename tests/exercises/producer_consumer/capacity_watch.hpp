#pragma once
// An observer that checks the queue's central invariant while processes work
// on it: a queue never holds more items than its maxsize (and its count never
// goes below zero). It samples every queue segment whose name starts with a
// prefix, from a background thread of the harness. Once stopped, it also says
// which of those queues still held items (the mappings outlive remove()).

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "queue_view.hpp"

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

  /// Call after stop(): "" if every queue it saw was empty at the end, else
  /// "queue 'NAME' still held N items" for the first one that was not.
  std::string leftovers() const;

 private:
  void run();

  std::string prefix_;
  std::atomic<bool> stopping_{false};
  std::string violation_;         ///< written by the thread, read after join
  std::vector<QueueView> views_;  ///< the queues seen; the thread's until join
  std::thread thread_;
};

}  // namespace pc_harness
