// The pool that runs a submission's tests at once: results in plan order,
// exclusive runs alone, one job exactly the old loop. A fake run function
// stands in for the sandboxed runs and watches what runs beside what.
#include "run/pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace grader {
namespace {

using namespace std::chrono_literals;

TestRun planned(const std::string& id, bool exclusive = false) {
  TestRun run;
  run.exercise_id = "pipe";
  run.test_id = id;
  run.exclusive = exclusive;
  return run;
}

/// A run function that records what ran beside what. Shared runs wait (up
/// to 5 s) until `rendezvous` runs are running, so that overlap, when the
/// pool allows it, happens however loaded the machine is.
class Watcher {
 public:
  explicit Watcher(int rendezvous = 1) : rendezvous_(rendezvous) {}

  TestResult run(const TestRun& run) {
    enter(run);
    if (!run.exclusive) wait_for_company();
    std::this_thread::sleep_for(run.exclusive ? 20ms : 5ms);
    leave(run);
    TestResult result;
    result.exercise_id = run.exercise_id;
    result.test_id = run.test_id;
    result.trials = {{Outcome::passed, "ran " + run.test_id, {}, {}}};
    return result;
  }

  /// The pool's view of this watcher.
  RunOne as_run_one() {
    return [this](const TestRun& planned) { return run(planned); };
  }

  int most_at_once() const { return most_; }
  std::vector<std::string> violations() const {
    std::lock_guard lock(mutex_);
    return violations_;
  }
  std::vector<std::thread::id> threads() const {
    std::lock_guard lock(mutex_);
    return threads_;
  }

 private:
  void enter(const TestRun& run) {
    std::lock_guard lock(mutex_);
    const int now = ++running_;
    most_ = std::max(most_.load(), now);
    threads_.push_back(std::this_thread::get_id());
    if (exclusive_running_) violations_.push_back(run.test_id + " started beside an exclusive run");
    if (run.exclusive && now != 1) violations_.push_back(run.test_id + " started beside another");
    if (run.exclusive) exclusive_running_ = true;
  }

  void leave(const TestRun& run) {
    std::lock_guard lock(mutex_);
    if (run.exclusive) exclusive_running_ = false;
    --running_;
  }

  void wait_for_company() {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (running_ < rendezvous_ && !met_ && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    met_ = true;  // once is enough: later runs need not wait
  }

  const int rendezvous_;
  std::atomic<int> running_{0};
  std::atomic<int> most_{0};
  std::atomic<bool> met_{false};
  mutable std::mutex mutex_;
  bool exclusive_running_ = false;
  std::vector<std::string> violations_;
  std::vector<std::thread::id> threads_;
};

std::vector<TestRun> mixed_plan() {
  return {planned("a"),          planned("b"), planned("timing", true),
          planned("c"),          planned("d"), planned("e"),
          planned("race", true), planned("f"), planned("last", true)};
}

std::vector<std::string> ids(const std::vector<TestResult>& results) {
  std::vector<std::string> found;
  for (const TestResult& result : results)
    found.push_back(result.test_id);
  return found;
}

std::vector<std::string> plan_ids(const std::vector<TestRun>& runs) {
  std::vector<std::string> found;
  for (const TestRun& run : runs)
    found.push_back(run.test_id);
  return found;
}

TEST(TestPool, ExclusiveRunsNeverOverlapAnything) {
  Watcher watcher(2);
  PoolResult pool = run_pool(mixed_plan(), 3, watcher.as_run_one());
  EXPECT_EQ(watcher.violations(), std::vector<std::string>{});
  EXPECT_GE(watcher.most_at_once(), 2) << "the shared runs overlapped";
  EXPECT_LE(watcher.most_at_once(), 3) << "never more than the jobs";
}

TEST(TestPool, ResultsAndSpansComeBackInPlanOrder) {
  // Whichever ends first, the report reads in course order.
  std::vector<TestRun> runs = mixed_plan();
  RunOne slow_first = [](const TestRun& run) {
    if (run.test_id == "a") std::this_thread::sleep_for(50ms);
    TestResult result;
    result.test_id = run.test_id;
    return result;
  };
  PoolResult pool = run_pool(runs, 4, slow_first);
  EXPECT_EQ(ids(pool.results), plan_ids(runs));
  ASSERT_EQ(pool.spans.size(), runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(pool.spans[i].test_id, runs[i].test_id);
    EXPECT_EQ(pool.spans[i].exclusive, runs[i].exclusive);
    EXPECT_LE(pool.spans[i].start, pool.spans[i].end);
  }
  EXPECT_GE(pool.spans[0].end - pool.spans[0].start, 50ms);
}

TEST(TestPool, OneJobRunsEveryTestInPlanOrderOnTheCallersThread) {
  // Exactly the loop there was before the pool: exclusive runs stay in place.
  std::vector<TestRun> runs = mixed_plan();
  std::vector<std::string> started;
  Watcher watcher;
  PoolResult pool =
      run_pool(runs, 1, watcher.as_run_one(), [&](const TestRun& run, std::size_t count) {
        started.push_back(std::to_string(count) + " " + run.test_id);
      });
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < runs.size(); ++i)
    expected.push_back(std::to_string(i + 1) + " " + runs[i].test_id);
  EXPECT_EQ(started, expected);
  EXPECT_EQ(ids(pool.results), plan_ids(runs));
  EXPECT_EQ(watcher.most_at_once(), 1);
  for (std::thread::id id : watcher.threads())
    EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(TestPool, WithJobsTheSharedRunsStartFirstThenTheExclusiveOnesInPlanOrder) {
  std::vector<std::string> started;
  std::vector<std::size_t> counts;
  Watcher watcher;
  run_pool(mixed_plan(), 2, watcher.as_run_one(), [&](const TestRun& run, std::size_t count) {
    started.push_back(run.test_id);
    counts.push_back(count);
  });
  EXPECT_EQ(started,
            (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "timing", "race", "last"}));
  EXPECT_EQ(counts, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(TestPool, AFailureStartsNothingMoreAndIsThrownOnceTheOthersEnded) {
  std::atomic<int> ran{0};
  std::atomic<int> running{0};
  RunOne failing = [&](const TestRun& run) {
    ++running;
    ++ran;
    std::this_thread::sleep_for(10ms);
    --running;
    if (run.test_id == "b") throw std::runtime_error("could not grade b");
    return TestResult{};
  };
  EXPECT_THROW(
      {
        try {
          run_pool(mixed_plan(), 2, failing);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "could not grade b");
          EXPECT_EQ(running, 0) << "thrown only once every started run ended";
          throw;
        }
      },
      std::runtime_error);
  EXPECT_LE(ran, 3) << "a, b and at most one started beside b; no exclusive run";
}

TEST(TestPool, NoRunsNoResults) {
  PoolResult pool = run_pool({}, 4, [](const TestRun&) { return TestResult{}; });
  EXPECT_TRUE(pool.results.empty());
  EXPECT_TRUE(pool.spans.empty());
}

}  // namespace
}  // namespace grader
