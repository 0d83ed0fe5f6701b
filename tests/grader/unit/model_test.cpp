#include <gtest/gtest.h>

#include "model/course.hpp"
#include "model/grade_report.hpp"
#include "model/outcome.hpp"

namespace grader {
namespace {

TEST(Outcome, RoundTripsEveryName) {
  for (Outcome o :
       {Outcome::passed, Outcome::failed, Outcome::timed_out, Outcome::crashed,
        Outcome::output_limit, Outcome::build_failed, Outcome::not_run, Outcome::unresolved}) {
    EXPECT_EQ(parse_outcome(to_string(o)), o);
  }
  EXPECT_EQ(parse_outcome("skipped"), std::nullopt);
}

TEST(ExerciseSpec, MaxPointsCountsBuildAndTests) {
  ExerciseSpec exercise;
  exercise.build_points = 1;
  exercise.tests = {TestSpec{.id = "a", .points = 2}, TestSpec{.id = "b", .points = 3.5}};
  EXPECT_DOUBLE_EQ(exercise.max_points(), 6.5);
}

TEST(Identifier, FollowsTheRuleOfFoldersTargetsAndTests) {
  EXPECT_TRUE(is_identifier("pipe_ping_pong"));
  EXPECT_TRUE(is_identifier("a1_b"));
  EXPECT_FALSE(is_identifier(""));
  EXPECT_FALSE(is_identifier("1abc"));
  EXPECT_FALSE(is_identifier("_abc"));
  EXPECT_FALSE(is_identifier("Pipe"));
  EXPECT_FALSE(is_identifier("pipe-ping"));
  EXPECT_FALSE(is_identifier("pipe ping"));
}

TEST(GradeReport, FindsAnExerciseByIdOrSaysThereIsNone) {
  GradeReport report;
  report.exercises.push_back(ExerciseGrade{"one", "One", 1, 2, {}, {}});
  report.exercises.push_back(ExerciseGrade{"two", "Two", 3, 4, {}, {}});
  ASSERT_NE(report.exercise("two"), nullptr);
  EXPECT_EQ(report.exercise("two")->title, "Two");
  EXPECT_EQ(report.exercise("three"), nullptr);
  report.exercise("one")->score = 2;
  const GradeReport& read_only = report;
  EXPECT_EQ(read_only.exercise("one")->score, 2);
}

}  // namespace
}  // namespace grader
