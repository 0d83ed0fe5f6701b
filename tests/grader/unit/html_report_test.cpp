// report.html as text; tests/grader/formats renders it in headless Chromium.

#include "report/html_report.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "format_fixtures.hpp"
#include "report/html_charts.hpp"

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
  EXPECT_EQ(count(page, "<svg id=\"pass-rates\""), 1);
  EXPECT_EQ(count(page, "<tr class=\"student"), 7);
  EXPECT_EQ(count(page, "<rect class=\"rate-bar\""), 6);
}

TEST(HtmlReport, EscapesStudentNames) {
  const std::string page = render(format_fixtures::sample_class());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("<td>bo &lt;script&gt;alert(1)&lt;/script&gt;</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>Zoë, &quot;the&quot; Ångström</td>"), std::string::npos);
}

TEST(HtmlReport, NeedsNothingFromOutside) {
  const std::string page = render(format_fixtures::sample_class());
  const std::regex fetching(R"((src|href|action)\s*=|<link|@import|url\()", std::regex::icase);
  EXPECT_FALSE(std::regex_search(page, fetching));
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

TEST(HtmlReport, RateColoursMarkGoodMiddlingAndPoor) {
  EXPECT_STREQ(rate_color(1.0), "#2e7d32");
  EXPECT_STREQ(rate_color(0.5), "#f9a825");
  EXPECT_STREQ(rate_color(0.49), "#c62828");
}

}  // namespace
}  // namespace grader
