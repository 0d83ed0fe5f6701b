#include "ci/ci_policy.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

GradeReport report_with(double score, double max, Outcome outcome = Outcome::passed) {
  GradeReport report;
  report.score = score;
  report.max_score = max;
  report.exercises = {
      ExerciseGrade{.id = "pipe", .tests = {TestGrade{.id = "t", .outcome = outcome}}}};
  return report;
}

TEST(CiPolicy, WithoutMinScoreEverythingMustPass) {
  EXPECT_EQ(ci_exit_code(report_with(10, 10), std::nullopt, false, false), 0);
  EXPECT_EQ(ci_exit_code(report_with(9.5, 10), std::nullopt, false, false), 1);
}

TEST(CiPolicy, MinScoreIsInclusiveAndToleratesRounding) {
  EXPECT_EQ(ci_exit_code(report_with(6, 10), 6.0, false, false), 0);
  EXPECT_EQ(ci_exit_code(report_with(0.1 + 0.2, 10), 0.3, false, false), 0);
  EXPECT_EQ(ci_exit_code(report_with(5.9, 10), 6.0, false, false), 1);
  EXPECT_EQ(ci_exit_code(report_with(0, 10), 0.0, false, false), 0);
}

TEST(CiPolicy, TamperingFailsOnlyWhenStrict) {
  EXPECT_EQ(ci_exit_code(report_with(10, 10), std::nullopt, true, false), 0);
  EXPECT_EQ(ci_exit_code(report_with(10, 10), std::nullopt, true, true), 1);
  EXPECT_EQ(ci_exit_code(report_with(10, 10), std::nullopt, false, true), 0);
}

TEST(CiPolicy, UnresolvedWinsOverEverything) {
  EXPECT_EQ(ci_exit_code(report_with(10, 10, Outcome::unresolved), 0.0, true, true), 3);
}

TEST(CiPolicy, HiddenMessagesAreReplacedVisibleOnesKept) {
  GradeReport report;
  report.exercises = {ExerciseGrade{
      .id = "pipe",
      .tests = {TestGrade{.id = "h",
                          .visibility = Visibility::hidden,
                          .outcome = Outcome::failed,
                          .message = "input was 42",
                          .hint = "loop",
                          .rerun = "run h",
                          .host_rerun = "env X=1 run h",
                          .notes = {"secret"}},
                TestGrade{.id = "v", .outcome = Outcome::failed, .message = "got 1"}}}};
  GradeReport shown = without_hidden_details(report);
  const TestGrade& hidden = shown.exercises[0].tests[0];
  EXPECT_EQ(hidden.message, "hidden test: its details are not shown");
  EXPECT_EQ(hidden.hint, "loop");
  EXPECT_TRUE(hidden.notes.empty());
  EXPECT_TRUE(hidden.rerun.empty());
  EXPECT_TRUE(hidden.host_rerun.empty());
  EXPECT_EQ(shown.exercises[0].tests[1].message, "got 1");
}

TEST(CiPolicy, MaxScoreCountsTheSelection) {
  Course course;
  course.exercises = {
      ExerciseSpec{.id = "a",
                   .build_points = 1,
                   .tests = {TestSpec{.id = "v", .points = 3},
                             TestSpec{.id = "h", .points = 5, .visibility = Visibility::hidden}}},
      ExerciseSpec{.id = "b", .build_points = 1, .tests = {TestSpec{.id = "v", .points = 2}}}};
  EXPECT_EQ(max_score(course, {}), 7);
  EXPECT_EQ(max_score(course, {{}, {}, true}), 12);
  EXPECT_EQ(max_score(course, {{"b"}, {}, true}), 3);
}

}  // namespace
}  // namespace grader
