#pragma once
// Hand-built grades for the file-format reporters' tests: a realistic report,
// one full of hostile text, and classes (with an ungraded student, and empty).
// Also compiled into format_samples, which writes them for the external
// validators (xmllint, jsonschema, chromium).

#include <string>

#include "model/class_grades.hpp"
#include "model/course.hpp"

namespace grader::format_fixtures {

/// The course the reports below were graded against: two exercises, one
/// hidden test, one test with three trials.
Course course();

/// An instructor's grade: every kind of outcome, a failed build, a hidden test
/// that failed, a flaky one, a sanitizer message naming a student file.
GradeReport mixed_report();

/// Every test passed.
GradeReport perfect_report();

/// Hostile text everywhere: markup, quotes, "::" workflow commands, newlines,
/// "%0A", formula-like cells, control bytes, invalid UTF-8 and unicode.
GradeReport nasty_report();

/// What a student could write into a message to take over a CI log.
inline const std::string kInjection =
    "got 1\n::set-output name=score::100\r\n::error::forged%0A::warning::x";

/// Seven students: full marks, partial, build failed, a hostile name, a flaky
/// run, an ungraded broken archive, and a regrade that changed an outcome.
ClassGrades sample_class();

/// No student at all.
ClassGrades empty_class();

/// A course the size of IPC Lab's: six exercises with long ids, 16 tests each
/// (long test ids, a hidden one per exercise).
Course large_course();

/// 40 students of large_course() (long names, every kind of score, one
/// ungraded): what report.html must lay out without clipping or overflow.
ClassGrades large_class();

}  // namespace grader::format_fixtures
