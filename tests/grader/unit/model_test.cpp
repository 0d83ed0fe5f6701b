#include <gtest/gtest.h>

#include "model/course.hpp"
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

}  // namespace
}  // namespace grader
