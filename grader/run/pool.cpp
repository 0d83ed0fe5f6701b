#include "run/pool.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

/// One pool: the runs, where their results go, and what workers share.
class Pool {
 public:
  Pool(const std::vector<TestRun>& runs, const RunOne& run_one, const RunStarted& started)
      : runs_(runs), run_one_(run_one), started_(started), start_(Clock::now()) {
    result_.results.resize(runs.size());
    result_.spans.resize(runs.size());
  }

  /// Runs the runs at `order` (indexes), `jobs` workers each taking the
  /// next; returns when all have ended. Rethrows the first failure.
  void run(const std::vector<std::size_t>& order, int jobs) {
    order_ = &order;
    next_ = 0;
    const auto workers = std::min<std::size_t>(static_cast<std::size_t>(jobs), order.size());
    if (workers <= 1) {
      work();  // on this thread: one job is exactly the old sequential loop
    } else {
      std::vector<std::thread> threads;
      for (std::size_t i = 0; i < workers; ++i)
        threads.emplace_back([this] { work(); });
      for (std::thread& thread : threads)
        thread.join();
    }
    if (failure_) std::rethrow_exception(failure_);
  }

  PoolResult take() { return std::move(result_); }

 private:
  void work() {
    while (std::optional<std::size_t> index = next()) {
      run_one(*index);
    }
  }

  /// The next run to start, announced; none once everything started or a
  /// run failed.
  std::optional<std::size_t> next() {
    std::lock_guard lock(mutex_);
    if (failure_ || next_ >= order_->size()) return std::nullopt;
    const std::size_t index = (*order_)[next_++];
    ++started_count_;
    if (started_) started_(runs_[index], started_count_);  // under the lock: one at a time
    return index;
  }

  void run_one(std::size_t index) {
    const TestRun& run = runs_[index];
    RunSpan& span = result_.spans[index];  // this worker's alone: no lock
    span = {run.exercise_id, run.test_id, run.exclusive, since_start(), {}};
    try {
      result_.results[index] = run_one_(run);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
    span.end = since_start();
  }

  std::chrono::microseconds since_start() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_);
  }

  const std::vector<TestRun>& runs_;
  const RunOne& run_one_;
  const RunStarted& started_;
  const Clock::time_point start_;
  PoolResult result_;
  const std::vector<std::size_t>* order_ = nullptr;
  std::size_t next_ = 0;
  std::size_t started_count_ = 0;
  std::mutex mutex_;
  std::exception_ptr failure_;
};

}  // namespace

PoolResult run_pool(const std::vector<TestRun>& runs, int jobs, const RunOne& run_one,
                    const RunStarted& started) {
  Pool pool(runs, run_one, started);
  std::vector<std::size_t> shared;
  std::vector<std::size_t> exclusive;
  for (std::size_t i = 0; i < runs.size(); ++i)
    (jobs > 1 && runs[i].exclusive ? exclusive : shared).push_back(i);
  pool.run(shared, jobs);
  // Every shared run has ended (run() joined its workers): nothing runs
  // beside an exclusive one.
  pool.run(exclusive, 1);
  return pool.take();
}

}  // namespace grader
