#pragma once
// The inline SVG charts of report.html: drawn from a ClassSummary, no script.

#include <string>

#include "batch/outputs/class_summary.hpp"

namespace grader {

/// A histogram of the graded students' totals in ten bins of 10% of the
/// maximum (the last bin holds 100%): <svg id="histogram">.
std::string score_histogram_svg(const ClassSummary& summary);

/// One horizontal bar per test of the exercise `exercise_id`, its pass rate
/// across the class: <svg id="pass-rates-EXERCISE">. Tests no student ran
/// show "not run". The label column is as wide as the longest test id (cut
/// at 48 characters, the full id in a tooltip), so no label is clipped.
std::string pass_rate_svg(const ClassSummary& summary, const std::string& exercise_id);

/// "#2e7d32" (green) for rates of 80% and more, amber from 50%, red below.
const char* rate_color(double rate);

}  // namespace grader
