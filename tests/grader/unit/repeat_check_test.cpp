// grader selftest --repeat N: a test whose outcome differs between runs of
// the same submission is reported, never averaged away. The runs here come
// from a fake grading function, so nothing is timed.
#include "selftest/repeat_check.hpp"

#include <gtest/gtest.h>

#include <map>

namespace grader {
namespace {

/// A report of exercise `id` with one test per entry of `outcomes`, each
/// worth one point when passed.
GradeReport report(const std::string& id, const std::map<std::string, Outcome>& outcomes) {
  ExerciseGrade exercise;
  exercise.id = id;
  exercise.build.ok = true;
  for (const auto& [test_id, outcome] : outcomes) {
    TestGrade test;
    test.id = test_id;
    test.outcome = outcome;
    exercise.score += outcome == Outcome::passed ? 1 : 0;
    exercise.tests.push_back(test);
  }
  GradeReport grade;
  grade.exercises = {exercise};
  return grade;
}

TEST(RepeatCheck, TheSameOutcomesEveryRunPass) {
  int calls = 0;
  SelftestReport result = check_repeated(3, [&](int run) {
    EXPECT_EQ(run, ++calls);
    return report("pipe", {{"wire_format", Outcome::passed}, {"slow", Outcome::failed}});
  });
  EXPECT_EQ(calls, 3);
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.checks[0].group, "repeated runs");
  EXPECT_EQ(result.checks[0].name, "pipe");
  EXPECT_EQ(result.checks[0].detail, "  scores: 1, 1, 1\n");
}

TEST(RepeatCheck, ATestThatFlipsInOneRunIsNamedWithEveryOutcome) {
  SelftestReport result = check_repeated(3, [](int run) {
    Outcome timing = run == 2 ? Outcome::failed : Outcome::passed;
    return report("pipe", {{"wire_format", Outcome::passed}, {"timing", timing}});
  });
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.checks[0].detail,
            "  scores: 2, 1, 2\n"
            "  timing: passed, failed, passed -- not the same in every run\n");
}

TEST(RepeatCheck, AnOutcomeOtherThanPassedThatChangesIsAFlipToo) {
  SelftestReport result = check_repeated(2, [](int run) {
    return report("pipe", {{"hang", run == 1 ? Outcome::timed_out : Outcome::failed}});
  });
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.checks[0].detail.find("hang: timed_out, failed"), std::string::npos)
      << result.checks[0].detail;
}

TEST(RepeatCheck, ATestOrExerciseMissingFromALaterRunIsAFlip) {
  std::vector<GradeReport> runs = {report("pipe", {{"a", Outcome::passed}, {"b", Outcome::passed}}),
                                   report("pipe", {{"a", Outcome::passed}}), GradeReport{}};
  std::vector<SelftestCheck> checks = compare_runs(runs);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_FALSE(checks[0].ok);
  EXPECT_EQ(checks[0].detail,
            "  scores: 2, 1, missing\n"
            "  a: passed, passed, missing -- not the same in every run\n"
            "  b: passed, missing, missing -- not the same in every run\n");
  EXPECT_TRUE(compare_runs({}).empty());
}

TEST(RepeatCheck, EachExerciseIsItsOwnCheck) {
  GradeReport both = report("pipe", {{"a", Outcome::passed}});
  both.exercises.push_back(report("queue", {{"b", Outcome::passed}}).exercises[0]);
  GradeReport flipped = both;
  flipped.exercises[1].tests[0].outcome = Outcome::crashed;
  std::vector<SelftestCheck> checks = compare_runs({both, flipped});
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_TRUE(checks[0].ok);
  EXPECT_FALSE(checks[1].ok);
  EXPECT_EQ(checks[1].name, "queue");
}

}  // namespace
}  // namespace grader
