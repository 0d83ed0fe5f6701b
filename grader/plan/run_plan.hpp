#pragma once
// Planning the test runs: which tests of which exercises run, with which
// programs, limits and trials; and which cannot run (their exercise did not
// build). Pure: a plan is data.

#include <filesystem>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "model/results.hpp"
#include "model/selection.hpp"
#include "plan/command.hpp"
#include "workspace/kit.hpp"

namespace grader {

struct TestRun {
  std::string exercise_id;
  std::string test_id;
  std::filesystem::path harness;
  std::filesystem::path student_driver;
  std::filesystem::path reference_driver;
  Limits limits;
  int trials = 1;
  /// The student driver is the AddressSanitizer + UBSan build. ASan reserves
  /// terabytes of address space, so such a run gets no RLIMIT_AS: the memory
  /// limit goes to ASan's allocator instead (see `environment`).
  bool sanitized = false;
  /// Variables the harness gets on top of the grader's own (sanitizer options).
  std::vector<std::string> environment;
  /// The harness command without the grader (drivers given in the environment).
  Command rerun;
  /// Runs with nothing else running beside it (is_exclusive()).
  bool exclusive = false;
};

struct RunPlan {
  std::vector<TestRun> runs;
  std::vector<TestResult> not_runnable;  ///< tests whose exercise did not build
};

/// ASAN_OPTIONS and UBSAN_OPTIONS for a sanitized run under `limits`: a report
/// ends the driver with exit code 1 (no core, no abort), leaks are not
/// reported, and an allocation beyond the memory limit (one, or all together)
/// ends it with a report that shows where it was made -- the memory limit that
/// RLIMIT_AS cannot enforce under ASan.
std::vector<std::string> sanitizer_environment(const Limits& limits);

/// True when `test` must run with nothing else running beside it: next to
/// other tests, builds or students, a race hides or shows at random and a
/// measured time means nothing. That is when assignments.yaml says
/// `exclusive: true`, when it has trials > 1 (it is repeated because it looks
/// for races), or when its id contains "speed", "throughput" or "latency".
bool is_exclusive(const TestSpec& test);

/// The GoogleTest name of a test: "<exercise>.<test>".
std::string gtest_name(const ExerciseSpec& exercise, const TestSpec& test);

RunPlan plan_runs(const Course& course, const Selection& selection,
                  const std::vector<BuildResult>& builds, const Kit& kit);

}  // namespace grader
