// How `grader selftest` judges one mistake: the tests it names must not pass,
// and the first one's feedback must name the cause the mistake states.
#include <gtest/gtest.h>

#include <sstream>

#include "in_language.hpp"
#include "selftest/selftest.hpp"

namespace grader {
namespace {

MistakeSpec mistake(std::vector<std::string> feedback) {
  MistakeSpec spec;
  spec.exercise_id = "pipe";
  spec.name = "host_order";
  spec.fails = {"wire_format"};
  spec.feedback = std::move(feedback);
  return spec;
}

GradeReport failed_with(const std::string& message, const std::string& hint) {
  TestGrade test;
  test.id = "wire_format";
  test.outcome = Outcome::failed;
  test.message = message;
  test.hint = hint;
  ExerciseGrade exercise;
  exercise.id = "pipe";
  exercise.build.ok = true;
  exercise.tests = {test};
  GradeReport report;
  report.exercises = {exercise};
  return report;
}

TEST(JudgeMistake, PassesWhenTheMessageOrHintNamesEveryPhrase) {
  const GradeReport grade = failed_with("the length must be big-endian", "use htonl()");
  EXPECT_TRUE(judge_mistake(mistake({"big-endian", "htonl"}), grade).ok);
}

TEST(JudgeMistake, FailsWhenAPhraseIsMissing) {
  const SelftestCheck check =
      judge_mistake(mistake({"big-endian", "htonl"}), failed_with("wrong bytes", "use htonl()"));
  EXPECT_FALSE(check.ok);
  EXPECT_NE(check.detail.find("feedback does not mention 'big-endian': wrong bytes"),
            std::string::npos)
      << check.detail;
}

TEST(JudgeMistake, FailsAMistakeThatStatesNoCause) {
  const SelftestCheck check = judge_mistake(mistake({}), failed_with("wrong bytes", ""));
  EXPECT_FALSE(check.ok);
  EXPECT_NE(check.detail.find("states no cause its feedback must name"), std::string::npos)
      << check.detail;
}

SelftestReport two_checks() {
  SelftestReport report;
  report.checks = {{"model answers", "pipe", true, "3/3\n"},
                   {"mistakes", "pipe/host_order", false, "  wire_format passed\n"}};
  return report;
}

std::string written(const SelftestReport& report) {
  std::ostringstream out;
  write_selftest_report(report, out);
  return out.str();
}

TEST(SelftestReport, HeadingsAndVerdictsAreInTheChosenLanguage) {
  EXPECT_EQ(written(two_checks()),
            "model answers:\n  ok    pipe\n        3/3\n\nmistakes:\n  FAIL  pipe/host_order\n"
            "        wire_format passed\n\nselftest: 1/2 checks passed\n");
  EXPECT_EQ(fixtures::in_spanish([] { return written(two_checks()); }),
            "soluciones modelo:\n  bien  pipe\n        3/3\n\nerrores:\n  FALLA pipe/host_order\n"
            "        wire_format passed\n\nselftest: 1/2 comprobaciones superadas\n");
}

}  // namespace
}  // namespace grader
