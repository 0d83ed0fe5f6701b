#include "score/scorer.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

TrialResult trial(Outcome outcome, std::string message = "", std::vector<std::string> notes = {}) {
  return {outcome, std::move(message), std::chrono::milliseconds(10), std::move(notes)};
}

TestResult result(std::vector<TrialResult> trials, int planned) {
  return {"pipe", "t", std::move(trials), planned, "rerun-cmd"};
}

TestSpec spec(double points = 4) {
  return TestSpec{.id = "t", .points = points, .hint = "a hint"};
}

TEST(GradeTest, AllTrialsPassedEarnsThePoints) {
  TestGrade grade = grade_test(spec(), result({trial(Outcome::passed), trial(Outcome::passed)}, 2));
  EXPECT_EQ(grade.outcome, Outcome::passed);
  EXPECT_EQ(grade.score, 4);
  EXPECT_EQ(grade.trials_passed, 2);
  EXPECT_EQ(grade.trials_total, 2);
  EXPECT_EQ(grade.duration.count(), 20);
  EXPECT_EQ(grade.rerun, "./lab check pipe --test t");
  EXPECT_EQ(grade.host_rerun, "rerun-cmd");
}

TEST(GradeTest, OneFailingTrialOfManyIsARace) {
  TestGrade grade =
      grade_test(spec(), result({trial(Outcome::passed), trial(Outcome::failed, "lost 3 updates"),
                                 trial(Outcome::passed)},
                                3));
  EXPECT_EQ(grade.outcome, Outcome::failed);
  EXPECT_EQ(grade.score, 0);
  EXPECT_EQ(grade.trials_passed, 2);
  EXPECT_EQ(grade.message, "Trial 2: lost 3 updates");
  EXPECT_EQ(grade.hint, "a hint");
}

TEST(GradeTest, AKeyedHintForWhatHappenedWinsOverTheTopicHint) {
  TestSpec keyed = spec();
  keyed.hints = {{Outcome::timed_out, "", "a hang"}, {std::nullopt, "Negative length", "signed"}};
  auto hint = [&](Outcome outcome, std::string message) {
    return grade_test(keyed, result({trial(outcome, std::move(message))}, 1)).hint;
  };
  EXPECT_EQ(hint(Outcome::timed_out, "stuck"), "a hang");
  EXPECT_EQ(hint(Outcome::failed, "recv_bytes() read a negative length -3"), "signed");
  EXPECT_EQ(hint(Outcome::failed, "got 3 bytes"), "a hint");  // the topic hint, as a fallback
  EXPECT_EQ(hint(Outcome::crashed, "SIGSEGV"), "a hint");
}

TEST(GradeTest, ATimeoutStopsTheTrials) {
  TestGrade grade = grade_test(spec(), result({trial(Outcome::timed_out, "hang")}, 5));
  EXPECT_EQ(grade.outcome, Outcome::timed_out);
  EXPECT_EQ(grade.message, "(stopped after trial 1 of 5) Trial 1: hang");
}

TEST(GradeTest, UnresolvedNeverEarnsPoints) {
  TestGrade grade = grade_test(spec(), result({trial(Outcome::unresolved, "no result")}, 1));
  EXPECT_EQ(grade.outcome, Outcome::unresolved);
  EXPECT_EQ(grade.score, 0);
  EXPECT_EQ(grade.message, "no result");
}

TEST(GradeTest, BuildFailedCountsNoTrials) {
  TestGrade grade =
      grade_test(spec(), result({trial(Outcome::build_failed, "does not compile")}, 3));
  EXPECT_EQ(grade.outcome, Outcome::build_failed);
  EXPECT_EQ(grade.trials_total, 0);
  EXPECT_EQ(grade.message, "does not compile");
}

TEST(GradeTest, PassedTrialsFewerThanPlannedAreUnresolved) {
  TestGrade grade = grade_test(spec(), result({trial(Outcome::passed)}, 3));
  EXPECT_EQ(grade.outcome, Outcome::unresolved);
  EXPECT_EQ(grade.score, 0);
  EXPECT_EQ(grade.trials_passed, 1);
  EXPECT_EQ(grade.trials_total, 1);
  EXPECT_EQ(grade.message, "not every planned trial ran");
}

TEST(GradeTest, NoTrialAtAllIsNotRun) {
  TestGrade grade = grade_test(spec(), result({}, 2));
  EXPECT_EQ(grade.outcome, Outcome::not_run);
  EXPECT_EQ(grade.score, 0);
  EXPECT_EQ(grade.max_score, 4);
  EXPECT_EQ(grade.message, "not every planned trial ran");
}

TEST(GradeTest, AFailureAfterPassesNamesItsTrialAndKeepsTheTimeAndNotesOfAll) {
  TestGrade grade = grade_test(
      spec(), result({trial(Outcome::passed, "", {"slow"}), trial(Outcome::crashed, "SIGSEGV"),
                      trial(Outcome::failed, "later")},
                     3));
  EXPECT_EQ(grade.outcome, Outcome::crashed) << "the first failure decides";
  EXPECT_EQ(grade.message, "Trial 2: SIGSEGV");
  EXPECT_EQ(grade.trials_passed, 1);
  EXPECT_EQ(grade.trials_total, 3);
  EXPECT_EQ(grade.duration.count(), 30);
  EXPECT_EQ(grade.notes, std::vector<std::string>{"slow"});
}

TEST(GradeTest, NotesAreKeptOnce) {
  TestGrade grade = grade_test(spec(), result({trial(Outcome::passed, "", {"leak A"}),
                                               trial(Outcome::passed, "", {"leak A", "leak B"})},
                                              2));
  EXPECT_EQ(grade.notes, (std::vector<std::string>{"leak A", "leak B"}));
}

TEST(Score, SumsBuildPointsAndTestsOfSelectedExercises) {
  Course course;
  course.name = "IPC Lab";
  ExerciseSpec pipe{.id = "pipe", .title = "Pipe", .build_points = 1};
  pipe.tests = {TestSpec{.id = "a", .points = 2}, TestSpec{.id = "b", .points = 3},
                TestSpec{.id = "h", .points = 5, .visibility = Visibility::hidden}};
  ExerciseSpec other{.id = "other", .title = "Other", .build_points = 1};
  course.exercises = {pipe, other};
  std::vector<BuildResult> builds = {BuildResult{.exercise_id = "pipe", .ok = true}};
  std::vector<TestResult> tests = {{"pipe", "a", {trial(Outcome::passed)}, 1, ""},
                                   {"pipe", "b", {trial(Outcome::failed, "no")}, 1, ""}};
  GradeReport report = score(course, {}, builds, tests, {"working copy", "process"});
  EXPECT_EQ(report.course, "IPC Lab");
  EXPECT_EQ(report.submission, "working copy");
  ASSERT_EQ(report.exercises.size(), 1u) << "'other' was not built: not part of the report";
  const ExerciseGrade& grade = report.exercises[0];
  ASSERT_EQ(grade.tests.size(), 2u) << "the hidden test is not selected";
  EXPECT_EQ(grade.score, 3);
  EXPECT_EQ(grade.max_score, 6);
  EXPECT_EQ(report.score, 3);
  EXPECT_EQ(report.max_score, 6);
  EXPECT_FALSE(report.all_passed());
  EXPECT_FALSE(report.unresolved());
}

}  // namespace
}  // namespace grader
