// report.html as text; tests/grader/formats renders it in headless Chromium.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='HtmlReport*'

#include "batch/outputs/html_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <sstream>

#include "batch/outputs/html_charts.hpp"
#include "catalog_reader.hpp"
#include "format_fixtures.hpp"
#include "golden.hpp"
#include "in_language.hpp"

namespace grader {
namespace {

std::string render(const ClassGrades& grades) {
  std::ostringstream out;
  write_html_report(format_fixtures::course(), grades, out);
  return out.str();
}

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

TEST(HtmlReport, HasBothChartsAndOneRowPerStudent) {
  const std::string page = render(format_fixtures::sample_class());
  EXPECT_EQ(count(page, "<svg id=\"histogram\""), 1);
  EXPECT_EQ(count(page, "<svg id=\"pass-rates-"), 2) << "one per exercise";
  EXPECT_EQ(count(page, "<tr class=\"student"), 7);
  EXPECT_EQ(count(page, "<rect class=\"rate-bar\""), 6);
}

TEST(HtmlReport, EscapesStudentNames) {
  const std::string page = render(format_fixtures::sample_class());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find(">bo &lt;script&gt;alert(1)&lt;/script&gt;</a></td>"), std::string::npos);
  EXPECT_NE(page.find(">Zoë, &quot;the&quot; Ångström</a></td>"), std::string::npos);
}

TEST(HtmlReport, NeedsNothingFromOutside) {
  const std::string page = render(format_fixtures::sample_class());
  const std::regex fetching(R"((src|action)\s*=|<link|@import|url\()", std::regex::icase);
  EXPECT_FALSE(std::regex_search(page, fetching));
  // The only links: to each student's feedback, next to the page (followed
  // when clicked, never fetched).
  const std::regex other_link(R"(href\s*=\s*"(?!students/[^"/]+/feedback\.md"))",
                              std::regex::icase);
  EXPECT_FALSE(std::regex_search(page, other_link));
  EXPECT_NE(page.find("href=\"students/ana/feedback.md\""), std::string::npos);
  EXPECT_NE(page.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
            std::string::npos);
}

TEST(HtmlReport, HistogramBinsTotalsByTenthsOfTheMaximum) {
  const std::string svg = score_histogram_svg(
      summarize_class(format_fixtures::course(), format_fixtures::sample_class()));
  // 3, 3 (19%), 12.5 (80%), 13.5 (87%), 15.5, 15.5 (100%, in the last bin).
  EXPECT_NE(svg.find("<title>10–19%: 2 students</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>80–89%: 2 students</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>90–100%: 2 students</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>0–9%: 0 students</title>"), std::string::npos);
}

TEST(HtmlReport, EmptyClassStillRenders) {
  const std::string page = render(format_fixtures::empty_class());
  EXPECT_NE(page.find("No graded submissions"), std::string::npos);
  EXPECT_NE(page.find("No submissions."), std::string::npos);
  EXPECT_EQ(count(page, "<tr class=\"student"), 0);
  // Nobody graded: the statistics are dashes, not scores of 0.
  EXPECT_NE(page.find("<div class=\"name\">Mean</div><div class=\"value\">—</div>"),
            std::string::npos);
}

/// The part of `page` from `start` to the next `end`.
std::string part(const std::string& page, const std::string& start, const std::string& end) {
  const std::size_t from = page.find(start);
  if (from == std::string::npos) return "";
  return page.substr(from, page.find(end, from) - from);
}

TEST(HtmlReport, ASectionPerExerciseWithItsOwnPassRates) {
  const std::string page = render(format_fixtures::sample_class());
  const std::string pipes =
      part(page, "<section class=\"exercise\" id=\"exercise-pipe_ping_pong\"", "</section>");
  EXPECT_EQ(count(pipes, "<rect class=\"rate-bar\""), 4) << pipes;
  EXPECT_NE(pipes.find("out of 9.5"), std::string::npos) << pipes;
  EXPECT_EQ(pipes.find("push_then_pop"), std::string::npos) << "another exercise's test";
}

TEST(HtmlReport, StudentsByScoreLinkedToTheirFeedbackAsAHeatMap) {
  const std::string page = render(format_fixtures::sample_class());
  const std::string table = part(page, "<table id=\"students\"", "</table>");
  // ana (15.5) before chen (12.5) before bo (3); the ungraded last.
  const std::size_t ana = table.find(">ana</a>");
  const std::size_t chen = table.find(">chen</a>");
  const std::size_t bo = table.find(">bo &lt;");
  const std::size_t dmitri = table.find(">dmitri</a>");
  ASSERT_NE(dmitri, std::string::npos) << table;
  EXPECT_LT(ana, chen);
  EXPECT_LT(chen, bo);
  EXPECT_LT(bo, dmitri);
  EXPECT_NE(table.find("<a href=\"students/Zo%C3%AB%2C%20%22the%22%20%C3%85ngstr%C3%B6m/"
                       "feedback.md\">"),
            std::string::npos)
      << table;
  // chen's 6.5 of 9.5 in pipe_ping_pong: the third of five shades.
  EXPECT_NE(table.find("<td class=\"num heat h2\" title=\"pipe_ping_pong: 6.5/9.5\">6.5</td>"),
            std::string::npos)
      << table;
  EXPECT_NE(page.find("<table id=\"students-by-name\""), std::string::npos);
}

TEST(HtmlReport, MostFailedTestsSayHowTheyFailed) {
  const std::string table =
      part(render(format_fixtures::sample_class()), "<table id=\"most-failed\"", "</table>");
  EXPECT_NE(table.find("<b>timed out × 1</b>: trial 3 did not finish within 2 s"),
            std::string::npos)
      << table;
}

TEST(HtmlReport, TheMaximumIsTheGradedOneUnderDashT) {
  ClassGrades grades = format_fixtures::sample_class();
  for (StudentGrade& grade : grades.students) {
    if (!grade.report) continue;
    grade.report->exercises.resize(1);
    grade.report->exercises[0].tests.resize(1);
    grade.report->exercises[0].max_score = grade.report->max_score = 3;
    grade.report->exercises[0].score = grade.report->score = 3;
  }
  Course course = format_fixtures::course();
  course.exercises.resize(1);
  std::ostringstream out;
  write_html_report(course, grades, out);
  const std::string page = out.str();
  EXPECT_NE(page.find("<div class=\"name\">Out of</div><div class=\"value\">3</div>"),
            std::string::npos);
  EXPECT_NE(page.find("<title>90–100%: 6 students</title>"), std::string::npos)
      << "full marks land in the top bin";
}

TEST(HtmlReport, SpanishMatchesGolden) {
  fixtures::expect_golden("report.es.html", fixtures::in_spanish([] {
                            return render(format_fixtures::sample_class());
                          }));
}

/// What a reader of `page` sees as separate texts: the text between tags
/// (trimmed) and the values of the title and aria-label attributes.
std::vector<std::string> shown_texts(const std::string& page) {
  std::vector<std::string> texts;
  const std::regex between(R"(>([^<]*)<)");
  const std::regex label(R"lbl((title|aria-label)="([^"]*)")lbl");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), between);
       it != std::sregex_iterator(); ++it) {
    const std::string text = std::regex_replace((*it)[1].str(), std::regex(R"(^\s+|\s+$)"), "");
    if (!text.empty()) texts.push_back(text);
  }
  for (auto it = std::sregex_iterator(page.begin(), page.end(), label);
       it != std::sregex_iterator(); ++it)
    texts.push_back((*it)[2].str());
  return texts;
}

/// A catalog message as a pattern of a whole shown text ("{} of {}" matches
/// "3 of 7"), or nullopt when its words alone are too short to tell English
/// from data ("{0} {1}", "ok").
std::optional<std::regex> english_pattern(const std::string& message) {
  const std::string words = std::regex_replace(message, std::regex(R"(\{[^}]*\})"), " ");
  if (!std::regex_search(words, std::regex("[A-Za-z]{4}"))) return std::nullopt;
  const std::string escaped =
      std::regex_replace(message, std::regex(R"([.^$|()\[\]*+?\\])"), R"(\$&)");
  return std::regex(std::regex_replace(escaped, std::regex(R"(\{[^}]*\})"), ".*"));
}

/// The texts of `page` that are a catalog message left in English.
std::vector<std::string> english_left(const std::string& page) {
  std::vector<std::string> left;
  const std::vector<std::string> texts = shown_texts(page);
  for (const fixtures::CatalogEntry& entry : fixtures::read_catalog(IPCLAB_PO_DIR "/es.po")) {
    if (entry.translation == entry.english) continue;  // "Total", "visible": the same word
    const std::optional<std::regex> pattern = english_pattern(entry.english);
    for (const std::string& text : texts) {
      if (pattern && std::regex_match(text, *pattern)) left.push_back(text);
    }
  }
  return left;
}

TEST(HtmlReport, SpanishPageSaysItIsSpanishAndLeavesNoMessageInEnglish) {
  for (const ClassGrades& grades :
       {format_fixtures::sample_class(), format_fixtures::empty_class()}) {
    const std::string page = fixtures::in_spanish([&] { return render(grades); });
    EXPECT_NE(page.find("<html lang=\"es\">"), std::string::npos);
    EXPECT_EQ(english_left(page), std::vector<std::string>{});
  }
  // The check sees English where there is some.
  const std::string english = render(format_fixtures::sample_class());
  EXPECT_NE(english.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_THAT(english_left(english), ::testing::Contains("Most failed tests"));
}

TEST(HtmlReport, RateColoursMarkGoodMiddlingAndPoor) {
  EXPECT_STREQ(rate_color(1.0), "#2e7d32");
  EXPECT_STREQ(rate_color(0.5), "#f9a825");
  EXPECT_STREQ(rate_color(0.49), "#c62828");
}

}  // namespace
}  // namespace grader
