#pragma once
// The gradebook: gradebook.csv of a batch, ready for an LMS import.

#include <ostream>

#include "model/class_grades.hpp"
#include "model/course.hpp"

namespace grader {

/// Writes one header row (student, one column per exercise of `course`, total,
/// max_total, error) and one row per student, in the order of `grades`. RFC
/// 4180: CRLF line ends, fields with , " CR LF quoted, quotes doubled. Cells
/// starting with = + - @ (or tab, CR) get a leading ' so that a spreadsheet
/// never runs them as formulas. Ungraded students have empty score cells and
/// their error. Throws only what `out` throws.
void write_gradebook_csv(const Course& course, const ClassGrades& grades, std::ostream& out);

}  // namespace grader
