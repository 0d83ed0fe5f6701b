#pragma once
// What `grader ci` decides from a finished grade: its exit code, and the
// report as everyone who can read the CI log may see it.

#include <optional>
#include <string>

#include "model/grade_report.hpp"
#include "model/selection.hpp"

namespace grader {

/// 3 when a test is unresolved (the score is incomplete); 1 when `strict` and
/// the pull request changed files outside the student files; 0 when the score
/// reaches `min_score` (default: the maximum, i.e. everything passed); else 1.
int ci_exit_code(const GradeReport& report, std::optional<double> min_score, bool tampered,
                 bool strict);

/// The message of every hidden test that did not pass, replaced: the CI log,
/// annotations and artifacts are public to the student, and a hidden test's
/// message may show its inputs. Outcome, points and hint stay.
GradeReport without_hidden_details(GradeReport report);

/// The most `selection` of `course` can earn (build points and test points).
double max_score(const Course& course, const Selection& selection);

}  // namespace grader
