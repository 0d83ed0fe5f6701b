// The class statistics, and summary.json / summary.md pinned down by golden files.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='ClassSummary*'

#include "batch/outputs/class_summary.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "format_fixtures.hpp"
#include "golden.hpp"
#include "in_language.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;

ClassSummary sample() {
  return summarize_class(format_fixtures::course(), format_fixtures::sample_class());
}

const TestSummary& find(const ClassSummary& summary, const std::string& test_id) {
  for (const TestSummary& test : summary.tests) {
    if (test.test_id == test_id) return test;
  }
  throw std::runtime_error("no test " + test_id);
}

TEST(ClassSummary, TotalsOverGradedStudents) {
  const ClassSummary summary = sample();
  EXPECT_EQ(summary.students, 7);
  EXPECT_EQ(summary.totals.count, 6);
  EXPECT_DOUBLE_EQ(summary.max_score, 15.5);
  EXPECT_DOUBLE_EQ(summary.totals.mean, 10.5);
  EXPECT_DOUBLE_EQ(summary.totals.median, 13);  // (12.5 + 13.5) / 2
  EXPECT_DOUBLE_EQ(summary.totals.min, 3);
  EXPECT_DOUBLE_EQ(summary.totals.max, 15.5);
  EXPECT_EQ(summary.scores, (std::vector<double>{3, 3, 12.5, 13.5, 15.5, 15.5}));
}

TEST(ClassSummary, PerExerciseMeansAndBuildFailures) {
  const ClassSummary summary = sample();
  ASSERT_EQ(summary.exercises.size(), 2u);
  EXPECT_DOUBLE_EQ(summary.exercises[0].scores.mean, 6.5);
  EXPECT_DOUBLE_EQ(summary.exercises[0].scores.median, 7);
  EXPECT_EQ(summary.exercises[1].build_failed, 2);
  EXPECT_DOUBLE_EQ(summary.exercises[1].scores.mean, 4);
}

TEST(ClassSummary, PassRatesAndMostFailed) {
  const ClassSummary summary = sample();
  EXPECT_DOUBLE_EQ(find(summary, "wire_format").pass_rate, 1);
  EXPECT_DOUBLE_EQ(find(summary, "recv_split_frames").pass_rate, 0.5);
  EXPECT_EQ(find(summary, "close_on_exec").passed, 4);
  std::vector<std::string> most_failed;
  for (const TestSummary& test : summary.most_failed)
    most_failed.push_back(test.test_id);
  // Most failures first; ties in course order; a test all passed is not listed.
  EXPECT_EQ(most_failed,
            (std::vector<std::string>{"recv_split_frames", "ping_pong_game", "close_on_exec",
                                      "push_then_pop", "wraps_around"}));
}

TEST(ClassSummary, FlakyFromTrialsAndFromRegrades) {
  const ClassSummary summary = sample();
  ASSERT_EQ(summary.flaky.size(), 4u);
  EXPECT_EQ(summary.flaky[0].student, "bo <script>alert(1)</script>");
  EXPECT_EQ(summary.flaky[0].reason, "passed 2/3 trials");
  EXPECT_EQ(summary.flaky[3].student, "ana");
  EXPECT_EQ(summary.flaky[3].reason, "timed_out → passed on regrade");
}

TEST(ClassSummary, UngradedStudentsAreListedNotCounted) {
  const ClassSummary summary = sample();
  ASSERT_EQ(summary.ungraded.size(), 1u);
  EXPECT_EQ(summary.ungraded[0].student, "dmitri");
}

TEST(ClassSummary, EmptyClassGivesZeros) {
  const ClassSummary summary =
      summarize_class(format_fixtures::course(), format_fixtures::empty_class());
  EXPECT_EQ(summary.students, 0);
  EXPECT_EQ(summary.totals.count, 0);
  EXPECT_DOUBLE_EQ(summary.totals.mean, 0);
  EXPECT_EQ(summary.tests.size(), 6u);
  EXPECT_EQ(summary.tests[0].graded, 0);
  EXPECT_TRUE(summary.most_failed.empty());
}

/// The sample class graded with `-t wire_format`: each report holds only
/// that test (2 points) and the build (1 point) of pipe_ping_pong.
ClassGrades only_wire_format() {
  ClassGrades grades = format_fixtures::sample_class();
  for (StudentGrade& grade : grades.students) {
    if (!grade.report) continue;
    GradeReport& report = *grade.report;
    report.exercises.resize(1);
    ExerciseGrade& pipes = report.exercises[0];
    pipes.tests.resize(1);
    pipes.max_score = 3;
    pipes.score = pipes.build.score + pipes.tests[0].score;
    report.max_score = 3;
    report.score = pipes.score;
  }
  return grades;
}

TEST(ClassSummary, MaximaAreThoseOfTheGradedTestsUnderDashT) {
  Course course = format_fixtures::course();
  course.exercises.resize(1);  // -e pipe_ping_pong
  const ClassSummary summary = summarize_class(course, only_wire_format());
  EXPECT_DOUBLE_EQ(summary.max_score, 3) << "as each student's grade says, not 9.5";
  EXPECT_DOUBLE_EQ(summary.exercises[0].max_score, 3);
  ASSERT_EQ(summary.tests.size(), 1u) << "the tests not selected were not graded";
  EXPECT_EQ(summary.tests[0].test_id, "wire_format");
}

TEST(ClassSummary, FailureKindsAreOutcomeAndDiagnosisMostCommonFirst) {
  ClassGrades grades = format_fixtures::sample_class();
  for (const char* student : {"ana", "chen"}) {
    for (StudentGrade& grade : grades.students) {
      if (grade.student != student) continue;
      TestGrade& game = grade.report->exercises[0].tests[2];
      game.outcome = Outcome::timed_out;
      game.message = "trial 1 did not finish within 2 s\nmore detail";
    }
  }
  const TestSummary game =
      find(summarize_class(format_fixtures::course(), grades), "ping_pong_game");
  ASSERT_GE(game.failure_kinds.size(), 2u);
  EXPECT_EQ(game.failure_kinds[0].outcome, Outcome::timed_out);
  EXPECT_EQ(game.failure_kinds[0].diagnosis, "trial 1 did not finish within 2 s");
  EXPECT_EQ(game.failure_kinds[0].students, 2);
}

TEST(ClassSummary, JsonMatchesGolden) {
  std::ostringstream out;
  write_summary_json(sample(), out);
  EXPECT_EQ(nlohmann::json::parse(out.str())["schema"], kSummarySchema);
  expect_golden("summary.json", out.str());
}

TEST(ClassSummary, MarkdownMatchesGolden) {
  std::ostringstream out;
  write_summary_markdown(sample(), out);
  expect_golden("summary.md", out.str());
}

TEST(ClassSummary, SpanishMarkdownMatchesGolden) {
  expect_golden("summary.es.md", fixtures::in_spanish([] {
                  std::ostringstream out;
                  write_summary_markdown(sample(), out);  // the reasons are texts too
                  return out.str();
                }));
}

TEST(ClassSummary, EmptyClassMarkdownMatchesGolden) {
  std::ostringstream out;
  write_summary_markdown(summarize_class(format_fixtures::course(), format_fixtures::empty_class()),
                         out);
  expect_golden("summary_empty.md", out.str());
}

}  // namespace
}  // namespace grader
