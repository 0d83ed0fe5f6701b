#pragma once
// Drains a driver's stdout and stderr on a thread of its own, so a chatty
// driver never blocks on a full pipe while the test waits for something else.
// Keeps the first `cap` bytes; past that, it calls `on_flood` once.

#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "exec/unique_fd.hpp"

namespace ipclab::harness {

class OutputCollector {
 public:
  OutputCollector(exec::UniqueFd out, exec::UniqueFd err, std::size_t cap,
                  std::function<void()> on_flood);
  ~OutputCollector();  ///< stops the thread; pipes need not be at end-of-file

  std::string text() const;
  bool flooded() const;

 private:
  void run();
  bool pending() const;  ///< bytes in a pipe not read yet; call with mutex_ held

  exec::UniqueFd out_;
  exec::UniqueFd err_;
  exec::UniqueFd stop_;  ///< eventfd that wakes the thread to stop
  std::size_t cap_;
  std::function<void()> on_flood_;
  mutable std::mutex mutex_;
  std::string text_;
  std::size_t total_ = 0;
  std::thread thread_;
};

}  // namespace ipclab::harness
