// Gradescope results.json, pinned down by a golden file; tests/grader/formats
// validates it against tests/grader/schemas/gradescope.schema.json.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Gradescope*'

#include "report/gradescope_reporter.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "format_fixtures.hpp"
#include "golden.hpp"
#include "in_language.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;
using nlohmann::json;

std::string render(const GradeReport& report) {
  std::ostringstream out;
  write_gradescope_results(report, out);
  return out.str();
}

TEST(GradescopeReporter, MatchesGolden) {
  expect_golden("gradescope_mixed.json", render(format_fixtures::mixed_report()));
}

TEST(GradescopeReporter, SpanishMatchesGolden) {
  expect_golden("gradescope_mixed.es.json",
                fixtures::in_spanish([] { return render(format_fixtures::mixed_report()); }));
}

/// Every key of `document` and its objects, as paths ("tests[].extra_data.outcome").
void collect_keys(const json& document, const std::string& path, std::set<std::string>& keys) {
  if (document.is_array()) {
    for (const json& element : document)
      collect_keys(element, path + "[]", keys);
  }
  if (!document.is_object()) return;
  for (const auto& [key, value] : document.items()) {
    keys.insert(path + "." + key);
    collect_keys(value, path + "." + key, keys);
  }
}

TEST(GradescopeReporter, SpanishHasTheSameKeysAndValuesOtherThanTexts) {
  const json english = json::parse(render(format_fixtures::mixed_report()));
  const json spanish =
      json::parse(fixtures::in_spanish([] { return render(format_fixtures::mixed_report()); }));
  std::set<std::string> english_keys, spanish_keys;
  collect_keys(english, "", english_keys);
  collect_keys(spanish, "", spanish_keys);
  EXPECT_EQ(spanish_keys, english_keys);
  ASSERT_EQ(spanish["tests"].size(), english["tests"].size());
  for (std::size_t i = 0; i < english["tests"].size(); ++i) {
    for (const char* key : {"score", "max_score", "status", "visibility", "extra_data"})
      EXPECT_EQ(spanish["tests"][i][key], english["tests"][i][key]) << i << " " << key;
  }
  EXPECT_NE(spanish["tests"][0]["output"], english["tests"][0]["output"]) << "the texts are";
}

TEST(GradescopeReporter, ScoresAddUpAndBuildsAreTests) {
  const GradeReport report = format_fixtures::mixed_report();
  const json results = json::parse(render(report));
  double sum = 0;
  for (const json& test : results["tests"])
    sum += test["score"].get<double>();
  EXPECT_DOUBLE_EQ(results["score"].get<double>(), report.score);
  EXPECT_DOUBLE_EQ(sum, report.score);
  EXPECT_EQ(results["tests"][0]["name"], "pipe_ping_pong / build");
  EXPECT_EQ(results["tests"].size(), 2u + 8u);
}

TEST(GradescopeReporter, HiddenTestIsShownAfterPublishingWithoutItsMessage) {
  const json results = json::parse(render(format_fixtures::mixed_report()));
  const json& hidden = results["tests"][4];
  EXPECT_EQ(hidden["name"], "pipe_ping_pong / close_on_exec");
  EXPECT_EQ(hidden["visibility"], "after_published");
  EXPECT_EQ(hidden["output"], "failed\nhint: Open every descriptor with O_CLOEXEC.");
}

TEST(GradescopeReporter, HiddenTestsFollowTheCoursesVisibilityPolicy) {
  std::ostringstream out;
  write_gradescope_results(format_fixtures::mixed_report(), out, "after_due_date");
  const json results = json::parse(out.str());
  EXPECT_EQ(results["tests"][4]["visibility"], "after_due_date");
  EXPECT_EQ(results["tests"][1]["visibility"], "visible") << "visible tests stay visible";
}

TEST(GradescopeReporter, InvalidUtf8StillGivesValidJson) {
  const json results = json::parse(render(format_fixtures::nasty_report()));  // throws if invalid
  EXPECT_NE(results["tests"][2]["output"].get<std::string>().find("héllo — ✓"), std::string::npos);
}

}  // namespace
}  // namespace grader
