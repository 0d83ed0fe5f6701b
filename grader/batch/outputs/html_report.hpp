#pragma once
// report.html: one self-contained page an instructor opens in a browser. No
// scripts, no network: inline CSS and SVG charts (a histogram of the totals,
// the pass rate of each test), the summary tables and one row per student.

#include <ostream>

#include "model/class_grades.hpp"
#include "model/course.hpp"

namespace grader {

/// Writes the page. Every piece of text (student names are data) is HTML-
/// escaped. Throws only what `out` throws.
void write_html_report(const Course& course, const ClassGrades& grades, std::ostream& out);

}  // namespace grader
