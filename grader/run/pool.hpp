#pragma once
// Running a submission's planned tests, up to `jobs` at a time. Most tests
// spend their time waiting on their processes, so overlapping them keeps the
// cores busy; an exclusive test (plan/run_plan.hpp: timing, races) still runs
// with nothing else running beside it. The shared tests run first, in plan
// order as workers free up; the exclusive ones after them, one by one. With
// one job every test runs in plan order, as before there was a pool.
//
// Results come back in plan order whatever the order they ended in, so the
// report and every score are the same as with one job. Each test is graded
// by its own call of the runner: a test's failure is its own outcome.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "plan/run_plan.hpp"

namespace grader {

/// When one planned run started and ended, since the pool started.
struct RunSpan {
  std::string exercise_id;
  std::string test_id;
  bool exclusive = false;
  std::chrono::microseconds start{0};
  std::chrono::microseconds end{0};
};

struct PoolResult {
  std::vector<TestResult> results;  ///< one per planned run, in plan order
  std::vector<RunSpan> spans;       ///< one per planned run, in plan order
};

/// Grades one planned run (every trial of it). Called from worker threads,
/// several at once when jobs > 1.
using RunOne = std::function<TestResult(const TestRun&)>;

/// Told when a run starts, with how many started so far (1-based); never
/// called concurrently.
using RunStarted = std::function<void(const TestRun&, std::size_t started)>;

/// Runs every run of `runs` through `run_one`, up to `jobs` (>= 1; less is
/// taken as 1) at a time, exclusive runs alone (see above). When `run_one`
/// throws, nothing more starts; the runs already started end, then the first
/// exception is thrown again.
PoolResult run_pool(const std::vector<TestRun>& runs, int jobs, const RunOne& run_one,
                    const RunStarted& started = {});

}  // namespace grader
