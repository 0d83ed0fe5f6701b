#include "plan/run_plan.hpp"

#include <algorithm>

#include "i18n/messages.hpp"

namespace grader {
namespace {

TestRun plan_test(const ExerciseSpec& exercise, const TestSpec& test, const BuildResult& build,
                  const Kit& kit, const std::string& language) {
  TestRun run;
  run.exercise_id = exercise.id;
  run.test_id = test.id;
  run.harness = kit.harness(exercise.id);
  run.student_driver = test.sanitize ? build.sanitized_driver : build.driver;
  run.reference_driver = kit.reference(exercise.id);
  run.limits = test.limits;
  run.trials = test.trials;
  run.sanitized = test.sanitize;
  run.exclusive = is_exclusive(test);
  if (test.sanitize) run.environment = sanitizer_environment(test.limits);
  // The harness speaks the report's language; English is its default.
  if (language != "en")
    run.environment.push_back(std::string(ipclab::i18n::kRunLanguageVariable) + "=" + language);
  run.rerun.argv = {"env"};
  run.rerun.argv.insert(run.rerun.argv.end(), run.environment.begin(), run.environment.end());
  for (std::string word : {"IPCLAB_STUDENT_DRIVER=" + run.student_driver.string(),
                           "IPCLAB_REFERENCE_DRIVER=" + run.reference_driver.string(),
                           run.harness.string(), "--gtest_filter=" + gtest_name(exercise, test)}) {
    run.rerun.argv.push_back(std::move(word));
  }
  return run;
}

TestResult not_runnable(const ExerciseSpec& exercise, const TestSpec& test, Outcome outcome,
                        const std::string& message) {
  TestResult result;
  result.exercise_id = exercise.id;
  result.test_id = test.id;
  result.trials_planned = test.trials;
  result.trials.push_back({outcome, message, {}, {}});
  return result;
}

}  // namespace

std::vector<std::string> sanitizer_environment(const Limits& limits) {
  const std::uint64_t megabytes = std::max<std::uint64_t>(limits.memory_bytes >> 20, 1);
  return {"ASAN_OPTIONS=abort_on_error=0:detect_leaks=0:max_allocation_size_mb=" +
              std::to_string(megabytes) + ":malloc_limit_mb=" + std::to_string(megabytes),
          "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"};
}

bool is_exclusive(const TestSpec& test) {
  if (test.exclusive || test.trials > 1) return true;
  for (const char* word : {"speed", "throughput", "latency"}) {
    if (test.id.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string gtest_name(const ExerciseSpec& exercise, const TestSpec& test) {
  return exercise.id + "." + test.id;
}

RunPlan plan_runs(const Course& course, const Selection& selection,
                  const std::vector<BuildResult>& builds, const Kit& kit) {
  RunPlan plan;
  for (const ExerciseSpec& exercise : course.exercises) {
    const BuildResult* build = find_build(builds, exercise.id);
    for (const TestSpec& test : exercise.tests) {
      if (!selected(selection, exercise, test)) continue;
      if (build == nullptr) {
        plan.not_runnable.push_back(
            not_runnable(exercise, test, Outcome::not_run, "the exercise was not built"));
      } else if (!build->ok) {
        plan.not_runnable.push_back(
            not_runnable(exercise, test, Outcome::build_failed,
                         "not run: the student files of " + exercise.id + " do not compile"));
      } else if (test.sanitize && build->sanitized_driver.empty()) {
        plan.not_runnable.push_back(not_runnable(
            exercise, test, Outcome::build_failed,
            "not run: the sanitizer build of " + exercise.id + " failed (see the build notes)"));
      } else {
        plan.runs.push_back(plan_test(exercise, test, *build, kit, course.text_language));
      }
    }
  }
  return plan;
}

}  // namespace grader
