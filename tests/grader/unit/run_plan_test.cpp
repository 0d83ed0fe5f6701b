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

TEST(PlanRuns, HiddenTestsOnlyWhenAskedWithTheirTrials) {
  Selection selection{{"pipe"}, {}, true};
  RunPlan plan = plan_runs(course_with_tests(), selection, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 3u);
  EXPECT_EQ(plan.runs[2].test_id, "large");
  EXPECT_EQ(plan.runs[2].trials, 3);
}

TEST(PlanRuns, PatternsSelectTests) {
  Selection selection{{}, {"recv*", "tot?l"}, false};
  RunPlan plan = plan_runs(course_with_tests(), selection, builds(true), Kit{"/kit"});
  ASSERT_EQ(plan.runs.size(), 2u);
  EXPECT_EQ(plan.runs[0].test_id, "recv_split");
  EXPECT_EQ(plan.runs[1].test_id, "total");
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
