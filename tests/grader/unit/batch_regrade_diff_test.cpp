// --regrade: old -> new per student and per test, nondeterminism flagged.
#include <gtest/gtest.h>

#include "batch/outputs/regrade_diff.hpp"

namespace grader {
namespace {

StudentGrade graded(const std::string& digest, Outcome game, double score) {
  StudentGrade grade;
  grade.student = "alice";
  grade.files_digest = digest;
  GradeReport report;
  report.score = score;
  ExerciseGrade exercise;
  exercise.id = "pipe_ping_pong";
  exercise.tests.push_back({"wire_format", Visibility::visible, Outcome::passed, 3, 3});
  exercise.tests.push_back(
      {"ping_pong_game", Visibility::visible, game, game == Outcome::passed ? 4.0 : 0.0, 4});
  report.exercises.push_back(exercise);
  grade.report = report;
  return grade;
}

TEST(BatchRegradeDiff, ListsChangedTestsAndFlagsSameFilesAsNondeterministic) {
  RegradeDiff diff =
      diff_regrade(graded("d1", Outcome::passed, 8), graded("d1", Outcome::failed, 4));
  EXPECT_EQ(diff.lines,
            (std::vector<std::string>{"alice: 8 → 4 (same files)",
                                      "  pipe_ping_pong/ping_pong_game: passed → failed (4 → 0)  "
                                      "[nondeterministic: same files]"}));
  ASSERT_EQ(diff.unstable.size(), 1u);
  EXPECT_EQ(diff.unstable[0].test_id, "ping_pong_game");
  EXPECT_EQ(diff.unstable[0].before, "passed");
  EXPECT_EQ(diff.unstable[0].after, "failed");
}

TEST(BatchRegradeDiff, ChangedFilesAreNotNondeterminism) {
  RegradeDiff diff =
      diff_regrade(graded("d1", Outcome::failed, 4), graded("d2", Outcome::passed, 8));
  EXPECT_EQ(diff.lines,
            (std::vector<std::string>{"alice: 4 → 8 (files changed)",
                                      "  pipe_ping_pong/ping_pong_game: failed → passed (0 → 4)"}));
  EXPECT_TRUE(diff.unstable.empty());
}

TEST(BatchRegradeDiff, AnUnchangedStudentGetsOneLine) {
  RegradeDiff diff =
      diff_regrade(graded("d1", Outcome::passed, 8), graded("d1", Outcome::passed, 8));
  EXPECT_EQ(diff.lines, (std::vector<std::string>{"alice: 8 → 8 (same files)"}));
}

TEST(BatchRegradeDiff, AnErrorRowShowsItsReason) {
  StudentGrade error;
  error.student = "alice";
  error.error = "alice.zip: more than 10 entries (the limit)";
  RegradeDiff diff = diff_regrade(graded("d1", Outcome::passed, 8), error);
  EXPECT_EQ(diff.lines, (std::vector<std::string>{
                            "alice: 8 → error (not graded: alice.zip: more than 10 entries "
                            "(the limit))"}));
}

}  // namespace
}  // namespace grader
