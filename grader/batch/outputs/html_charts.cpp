#include "batch/outputs/html_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::trn;

constexpr int kBins = 10;

// Histogram geometry, in SVG user units (the SVG scales to its box).
constexpr int kHistWidth = 960;
constexpr int kHistHeight = 240;
constexpr int kHistLeft = 40;    // room for the count axis
constexpr int kHistBottom = 36;  // room for the percent labels
constexpr int kHistTop = 16;

// Pass-rate chart geometry. The label column fits the longest label at the
// widest a 13-unit sans-serif character gets (8 units: "m", "w", "_").
constexpr int kRateCharWidth = 8;
constexpr std::size_t kRateLabelChars = 48;
constexpr int kRateBarWidth = 480;
constexpr int kRateRowHeight = 26;
constexpr int kRatePercentWidth = 60;

std::array<int, kBins> bin_counts(const ClassSummary& summary) {
  std::array<int, kBins> counts{};
  for (double score : summary.scores) {
    const double fraction = summary.max_score > 0 ? score / summary.max_score : 0;
    const int bin = std::clamp(static_cast<int>(std::floor(fraction * kBins + 1e-9)), 0, kBins - 1);
    ++counts[bin];
  }
  return counts;
}

/// "3 students".
std::string student_count(int count) {
  const auto n = static_cast<unsigned long>(count);
  return fmt::format(fmt::runtime(trn("{} student", "{} students", n)), n);
}

std::string histogram_bars(const std::array<int, kBins>& counts) {
  const int highest = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const double plot_height = kHistHeight - kHistTop - kHistBottom;
  const double slot = static_cast<double>(kHistWidth - kHistLeft) / kBins;
  std::string svg;
  for (int bin = 0; bin < kBins; ++bin) {
    const double height = plot_height * counts[bin] / highest;
    const double x = kHistLeft + bin * slot + 4;
    const double y = kHistTop + plot_height - height;
    svg += fmt::format(
        R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="3">)"
        R"(<title>{}–{}%: {}</title></rect>)",
        x, y, slot - 8, height, bin * 10, bin == kBins - 1 ? 100 : bin * 10 + 9,
        student_count(counts[bin]));
    if (counts[bin] > 0) {
      svg += fmt::format(R"(<text class="count" x="{:.1f}" y="{:.1f}">{}</text>)",
                         x + (slot - 8) / 2, y - 4, counts[bin]);
    }
    svg += fmt::format(R"(<text class="axis" x="{:.1f}" y="{}">{}–{}%</text>)", x + (slot - 8) / 2,
                       kHistHeight - kHistBottom + 18, bin * 10,
                       bin == kBins - 1 ? 100 : bin * 10 + 9);
  }
  return svg;
}

/// "wire_format (hidden)", cut to kRateLabelChars characters.
std::string rate_label(const TestSummary& test) {
  std::string label = test.test_id;
  if (label.size() > kRateLabelChars) label = label.substr(0, kRateLabelChars - 1) + "…";
  return label + (test.visibility == Visibility::hidden ? std::string(" ") + tr("(hidden)") : "");
}

int label_width(const std::vector<const TestSummary*>& tests) {
  std::size_t longest = 8;
  for (const TestSummary* test : tests)
    longest = std::max(longest, rate_label(*test).size());
  return static_cast<int>(longest) * kRateCharWidth + 16;
}

std::string rate_row(const TestSummary& test, int row, int label_width) {
  const int y = row * kRateRowHeight;
  const std::string name = test.exercise_id + "." + test.test_id;
  std::string svg =
      fmt::format(R"(<text class="label" x="{}" y="{}"><title>{}</title>{}</text>)",
                  label_width - 8, y + 17, escape_markup(name), escape_markup(rate_label(test)));
  svg += fmt::format(R"(<rect class="track" x="{}" y="{}" width="{}" height="16" rx="3"/>)",
                     label_width, y + 5, kRateBarWidth);
  if (test.graded == 0) {
    return svg + fmt::format(R"(<text class="rate" x="{}" y="{}">{}</text>)", label_width + 6,
                             y + 17, outcome_words(Outcome::not_run));
  }
  svg += fmt::format(
      R"(<rect class="rate-bar" x="{}" y="{}" width="{:.1f}" height="16" rx="3" fill="{}">)"
      R"(<title>{}: {}</title></rect>)",
      label_width, y + 5, kRateBarWidth * test.pass_rate, rate_color(test.pass_rate),
      escape_markup(name),
      fmt::format(fmt::runtime(tr("{} of {} passed")), test.passed, test.graded));
  return svg + fmt::format(R"(<text class="rate" x="{}" y="{}">{}%</text>)",
                           label_width + kRateBarWidth + 8, y + 17,
                           static_cast<int>(std::round(test.pass_rate * 100)));
}

}  // namespace

const char* rate_color(double rate) {
  if (rate >= 0.8) return "#2e7d32";
  if (rate >= 0.5) return "#f9a825";
  return "#c62828";
}

std::string score_histogram_svg(const ClassSummary& summary) {
  std::string svg = fmt::format(
      R"(<svg id="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" )"
      R"(aria-label="{}">)",
      kHistWidth, kHistHeight, escape_markup(tr("Histogram of total scores"), true));
  const int baseline = kHistHeight - kHistBottom;
  svg += fmt::format(R"(<line class="baseline" x1="{}" y1="{}" x2="{}" y2="{}"/>)", kHistLeft,
                     baseline, kHistWidth, baseline);
  if (summary.scores.empty()) {
    svg += fmt::format(R"(<text class="empty" x="{}" y="{}">{}</text>)", kHistWidth / 2,
                       baseline / 2, tr("No graded submissions"));
  } else {
    svg += histogram_bars(bin_counts(summary));
  }
  return svg + "</svg>";
}

std::string pass_rate_svg(const ClassSummary& summary, const std::string& exercise_id) {
  std::vector<const TestSummary*> tests;
  for (const TestSummary& test : summary.tests) {
    if (test.exercise_id == exercise_id) tests.push_back(&test);
  }
  const int labels = label_width(tests);
  const int width = labels + kRateBarWidth + kRatePercentWidth;
  const int height = std::max<int>(1, static_cast<int>(tests.size())) * kRateRowHeight + 4;
  std::string svg = fmt::format(
      R"(<svg id="pass-rates-{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" )"
      R"(role="img" aria-label="{}">)",
      escape_markup(exercise_id, true), width, height,
      escape_markup(fmt::format(fmt::runtime(tr("Pass rate of each test of {}")), exercise_id),
                    true));
  if (tests.empty())
    svg += fmt::format(R"(<text class="rate" x="8" y="18">{}</text>)", tr("No tests graded"));
  for (std::size_t row = 0; row < tests.size(); ++row)
    svg += rate_row(*tests[row], static_cast<int>(row), labels);
  return svg + "</svg>";
}

}  // namespace grader
