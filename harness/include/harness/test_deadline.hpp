#pragma once
// The whole test's deadline, kept by the harness itself. The grader stops a
// test that runs past its timeout; all it could say then is what each process
// was blocked in (the harness: "sleeping in wait4()"). Shortly before that
// deadline this listener diagnoses the hang as a command timeout is diagnosed
// -- the verdict, the shared objects, the innermost student frame -- reports
// the test as timed_out on the result channel, and ends the harness.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

namespace ipclab::harness {

/// How long before the grader's deadline `timeout` the harness looks at the
/// hang: a tenth of it, at least 2 s (the look takes about a second), at most
/// 4 s -- time a slow but correct test loses, so no more than the look needs.
std::chrono::milliseconds diagnosis_margin(std::chrono::milliseconds timeout);

class TestDeadline : public ::testing::EmptyTestEventListener {
 public:
  /// Watches each test against `timeout`, counted from `start` (the harness's
  /// own start: the grader's clock starts when it spawns the harness).
  TestDeadline(int result_fd, std::chrono::milliseconds timeout,
               std::chrono::steady_clock::time_point start);
  ~TestDeadline() override;

  void OnTestStart(const ::testing::TestInfo& info) override;
  void OnTestEnd(const ::testing::TestInfo& info) override;

 private:
  void watch(std::string test);
  void stop();

  int result_fd_;
  std::chrono::milliseconds timeout_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable ended_;
  bool test_ended_ = false;
  std::thread watcher_;
};

}  // namespace ipclab::harness
