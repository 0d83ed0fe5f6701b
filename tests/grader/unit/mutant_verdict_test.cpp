#include "selftest/mutant_verdict.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

GradeReport report(bool built, std::vector<Outcome> outcomes) {
  ExerciseGrade exercise;
  exercise.id = "ex";
  exercise.build.ok = built;
  int n = 0;
  for (Outcome outcome : outcomes) {
    TestGrade test;
    test.id = "t" + std::to_string(++n);
    test.outcome = outcome;
    exercise.tests.push_back(test);
  }
  GradeReport grade;
  grade.exercises.push_back(exercise);
  return grade;
}

TEST(JudgeMutant, AFailingTestKillsAndIsNamed) {
  MutantOutcome outcome = judge_mutant({report(true, {Outcome::passed, Outcome::timed_out})}, "");
  EXPECT_EQ(outcome.verdict, MutantVerdict::killed);
  EXPECT_EQ(outcome.detail, "t2 timed_out");
}

TEST(JudgeMutant, EveryTestPassingInEveryPhaseIsASurvivor) {
  EXPECT_EQ(
      judge_mutant({report(true, {Outcome::passed}), report(true, {Outcome::passed})}, "").verdict,
      MutantVerdict::survived);
}

TEST(JudgeMutant, ABuildFailureIsStillbornNotKilled) {
  EXPECT_EQ(judge_mutant({report(false, {Outcome::build_failed})}, "").verdict,
            MutantVerdict::stillborn);
}

TEST(JudgeMutant, UnresolvedKillsNothing) {
  MutantOutcome outcome = judge_mutant({report(true, {Outcome::passed, Outcome::unresolved})}, "");
  EXPECT_EQ(outcome.verdict, MutantVerdict::error);
  EXPECT_EQ(outcome.detail, "t2 unresolved");
}

TEST(JudgeMutant, AGraderErrorIsAnError) {
  MutantOutcome outcome = judge_mutant({}, "the child grader crashed");
  EXPECT_EQ(outcome.verdict, MutantVerdict::error);
  EXPECT_EQ(outcome.detail, "the child grader crashed");
}

TEST(Decided, OnlyAKillOrAFailedBuildEndsAMutantEarly) {
  EXPECT_TRUE(decided(report(true, {Outcome::crashed})));
  EXPECT_TRUE(decided(report(false, {})));
  EXPECT_FALSE(decided(report(true, {Outcome::passed})));
  EXPECT_FALSE(decided(GradeReport{}));
}

}  // namespace
}  // namespace grader
