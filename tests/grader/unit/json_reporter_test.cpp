// The machine-readable grade ("ipclab.grade/1"), pinned down by the golden file
// tests/grader/golden/report.json, and read back exactly.
//
// After an intended change to the output, regenerate the golden files and
// review the diff before committing:
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='*Reporter*'

#include "report/json_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "model/grader_error.hpp"

namespace grader::fixtures {

// Defined in console_reporter_test.cpp.
GradeReport sample_grade_report();
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace grader::fixtures

namespace grader {
namespace {

using fixtures::expect_golden;
using fixtures::sample_grade_report;
using nlohmann::json;

/// The message of the GraderError that reading `document` throws; "" if none.
std::string read_error(const json& document) {
  try {
    grade_report_from_json(document);
  } catch (const GraderError& error) {
    return error.what();
  }
  return "";
}

TEST(JsonReporter, MatchesGolden) {
  std::ostringstream out;
  write_json_report(sample_grade_report(), out);
  expect_golden("report.json", out.str());
}

TEST(JsonReporter, SaysWhetherTheScoreIsIncomplete) {
  EXPECT_EQ(to_json(sample_grade_report())["unresolved"], true);
  EXPECT_EQ(to_json(GradeReport{})["unresolved"], false);
}

TEST(JsonReporter, RoundTrips) {
  const json document = to_json(sample_grade_report());
  EXPECT_EQ(to_json(grade_report_from_json(document)), document);
}

TEST(JsonReporter, RoundTripsThroughText) {
  std::ostringstream out;
  write_json_report(sample_grade_report(), out);
  const GradeReport read = grade_report_from_json(json::parse(out.str()));
  EXPECT_EQ(to_json(read), to_json(sample_grade_report()));
  EXPECT_EQ(read.exercises[0].tests[2].duration, std::chrono::milliseconds(6420));
  EXPECT_EQ(read.exercises[0].tests[3].visibility, Visibility::hidden);
}

TEST(JsonReporter, ReplacesBytesThatAreNotUtf8) {
  GradeReport report = sample_grade_report();
  report.exercises[0].tests[1].message = "got \"\xff\xfe\"";
  std::ostringstream out;
  write_json_report(report, out);
  EXPECT_NE(out.str().find("got \\\"\uFFFD\uFFFD\\\""), std::string::npos);  // got \"��\"
  EXPECT_EQ(out.str().find('\xff'), std::string::npos);
}

TEST(JsonReporter, RejectsAnotherSchema) {
  json document = to_json(sample_grade_report());
  document["schema"] = "ipclab.grade/2";
  EXPECT_EQ(read_error(document),
            "unsupported grade report schema 'ipclab.grade/2' (expected 'ipclab.grade/1')");
  document.erase("schema");
  EXPECT_EQ(read_error(document),
            "not an IPC Lab grade report: no \"schema\" (expected 'ipclab.grade/1')");
  EXPECT_EQ(read_error(json::array()), "invalid grade report: expected a JSON object");
}

TEST(JsonReporter, ErrorsNameTheKeyAtFault) {
  json document = to_json(sample_grade_report());
  document["exercises"][0]["tests"][2]["outcome"] = "skipped";
  EXPECT_EQ(read_error(document),
            "invalid grade report: exercises[0].tests[2].outcome: unknown outcome 'skipped'");

  document = to_json(sample_grade_report());
  document["exercises"][1]["build"].erase("ok");
  EXPECT_EQ(read_error(document), "invalid grade report: exercises[1].build: missing key 'ok'");

  document = to_json(sample_grade_report());
  document["exercises"][0]["tests"][0]["trials"]["total"] = "1";
  EXPECT_EQ(read_error(document),
            "invalid grade report: exercises[0].tests[0].trials.total: expected an integer");

  document = to_json(sample_grade_report());
  document["exercises"][0]["tests"][2]["notes"][0] = 7;
  EXPECT_EQ(read_error(document),
            "invalid grade report: exercises[0].tests[2].notes[0]: expected a string");

  document = to_json(sample_grade_report());
  document["exercises"][1] = 3;
  EXPECT_EQ(read_error(document), "invalid grade report: exercises[1]: expected an object");

  document = to_json(sample_grade_report());
  document.erase("score");
  EXPECT_EQ(read_error(document), "invalid grade report: missing key 'score'");
}

}  // namespace
}  // namespace grader
