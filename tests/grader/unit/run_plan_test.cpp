#include "plan/run_plan.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

Course course_with_tests() {
  Course course;
  course.root = "/course";
  ExerciseSpec pipe{.id = "pipe", .title = "Pipe", .student_files = {"c.cpp"}};
  pipe.tests = {
      TestSpec{.id = "wire_format", .points = 2}, TestSpec{.id = "recv_split", .points = 1},
      TestSpec{.id = "large", .points = 3, .visibility = Visibility::hidden, .trials = 3}};
  ExerciseSpec counter{.id = "counter", .title = "Counter", .student_files = {"k.cpp"}};
  counter.tests = {TestSpec{.id = "total", .points = 5}};
  course.exercises = {pipe, counter};
  return course;
}

std::vector<BuildResult> builds(bool counter_ok) {
  return {BuildResult{.exercise_id = "pipe", .ok = true, .driver = "/ws/build/pipe_student"},
          BuildResult{.exercise_id = "counter", .ok = counter_ok}};
}

TEST(PlanRuns, VisibleTestsOfBuiltExercises) {
  RunPlan plan = plan_runs(course_with_tests(), {}, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 3u);
  EXPECT_EQ(plan.runs[0].test_id, "wire_format");
  EXPECT_EQ(plan.runs[0].harness, "/kit/pipe_harness");
  EXPECT_EQ(plan.runs[0].reference_driver, "/kit/pipe_reference");
  EXPECT_EQ(plan.runs[0].student_driver, "/ws/build/pipe_student");
  EXPECT_EQ(plan.runs[0].rerun.to_shell(),
            "env IPCLAB_STUDENT_DRIVER=/ws/build/pipe_student "
            "IPCLAB_REFERENCE_DRIVER=/kit/pipe_reference "
            "/kit/pipe_harness --gtest_filter=pipe.wire_format");
  EXPECT_EQ(plan.runs[2].test_id, "total");
  EXPECT_TRUE(plan.not_runnable.empty());
}

TEST(PlanRuns, TheHarnessSpeaksTheLanguageTheCourseIsReadIn) {
  Course course = course_with_tests();
  RunPlan english = plan_runs(course, {}, builds(true), Kit{"/kit"});
  EXPECT_TRUE(english.runs[0].environment.empty()) << "a harness speaks English by default";
  course.text_language = "es";
  RunPlan spanish = plan_runs(course, {}, builds(true), Kit{"/kit"});
  EXPECT_EQ(spanish.runs[0].environment, std::vector<std::string>{"IPCLAB_LANGUAGE=es"});
  EXPECT_EQ(spanish.runs[0].rerun.to_shell(),
            "env IPCLAB_LANGUAGE=es IPCLAB_STUDENT_DRIVER=/ws/build/pipe_student "
            "IPCLAB_REFERENCE_DRIVER=/kit/pipe_reference "
            "/kit/pipe_harness --gtest_filter=pipe.wire_format")
      << "the rerun command speaks the report's language too";
}

TEST(PlanRuns, HiddenTestsOnlyWhenAskedWithTheirTrials) {
  Selection selection{{"pipe"}, {}, true};
  RunPlan plan = plan_runs(course_with_tests(), selection, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 3u);
  EXPECT_EQ(plan.runs[2].test_id, "large");
  EXPECT_EQ(plan.runs[2].trials, 3);
}

TEST(PlanRuns, MarksTheTestsThatRunAlone) {
  // `grader check --jobs N` keeps these apart by the rule batch uses.
  Course course = course_with_tests();
  course.exercises[1].tests[0].exclusive = true;
  RunPlan plan = plan_runs(course, {{}, {}, true}, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 4u);
  EXPECT_FALSE(plan.runs[0].exclusive) << "wire_format";
  EXPECT_FALSE(plan.runs[1].exclusive) << "recv_split";
  EXPECT_TRUE(plan.runs[2].exclusive) << "large: trials: 3";
  EXPECT_TRUE(plan.runs[3].exclusive) << "total: exclusive: true";
}

TEST(PlanRuns, PatternsSelectTests) {
  Selection selection{{}, {"recv*", "tot?l"}, false};
  RunPlan plan = plan_runs(course_with_tests(), selection, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 2u);
  EXPECT_EQ(plan.runs[0].test_id, "recv_split");
  EXPECT_EQ(plan.runs[1].test_id, "total");
}

TEST(PlanRuns, ASanitizedTestRunsTheSanitizerBuildWithItsOptions) {
  Course course = course_with_tests();
  course.exercises[0].tests[0].sanitize = true;
  course.exercises[0].tests[0].limits.memory_bytes = 512u << 20;
  std::vector<BuildResult> built = builds(true);
  built[0].sanitized_driver = "/ws/build/pipe_student_asan";
  RunPlan plan = plan_runs(course, {}, built, Kit{"/kit"});
  const TestRun& run = plan.runs.at(0);
  EXPECT_TRUE(run.sanitized);
  EXPECT_EQ(run.student_driver, "/ws/build/pipe_student_asan");
  EXPECT_EQ(run.environment,
            (std::vector<std::string>{"ASAN_OPTIONS=abort_on_error=0:detect_leaks=0:"
                                      "max_allocation_size_mb=512:malloc_limit_mb=512",
                                      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"}));
  EXPECT_EQ(run.rerun.to_shell(),
            "env ASAN_OPTIONS=abort_on_error=0:detect_leaks=0:max_allocation_size_mb=512:"
            "malloc_limit_mb=512 "
            "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "
            "IPCLAB_STUDENT_DRIVER=/ws/build/pipe_student_asan "
            "IPCLAB_REFERENCE_DRIVER=/kit/pipe_reference "
            "/kit/pipe_harness --gtest_filter=pipe.wire_format");
  EXPECT_FALSE(plan.runs.at(1).sanitized) << "the other tests run the plain build";
  EXPECT_EQ(plan.runs.at(1).student_driver, "/ws/build/pipe_student");
  EXPECT_TRUE(plan.runs.at(1).environment.empty());
}

TEST(PlanRuns, ASanitizedTestWithoutItsBuildIsBuildFailed) {
  Course course = course_with_tests();
  course.exercises[0].tests[1].sanitize = true;
  RunPlan plan = plan_runs(course, {}, builds(true), Kit{"/kit"});
  EXPECT_EQ(plan.runs.size(), 2u);
  ASSERT_EQ(plan.not_runnable.size(), 1u);
  EXPECT_EQ(plan.not_runnable[0].test_id, "recv_split");
  EXPECT_EQ(plan.not_runnable[0].trials.at(0).outcome, Outcome::build_failed);
  EXPECT_EQ(plan.not_runnable[0].trials.at(0).message,
            "not run: the sanitizer build of pipe failed (see the build notes)");
}

TEST(PlanRuns, TestsOfAnExerciseThatDidNotBuildAreBuildFailed) {
  RunPlan plan = plan_runs(course_with_tests(), {}, builds(false), Kit{"/kit"});
  EXPECT_EQ(plan.runs.size(), 2u);
  ASSERT_EQ(plan.not_runnable.size(), 1u);
  EXPECT_EQ(plan.not_runnable[0].test_id, "total");
  EXPECT_EQ(plan.not_runnable[0].trials.at(0).outcome, Outcome::build_failed);
  EXPECT_EQ(plan.not_runnable[0].trials.at(0).message,
            "not run: the student files of counter do not compile");
}

}  // namespace
}  // namespace grader
