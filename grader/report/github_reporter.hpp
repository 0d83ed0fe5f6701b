#pragma once
// The GitHub Actions reporter: workflow commands that annotate the pull
// request (::error file=..,line=..::message) and the lines `grader ci` appends
// to $GITHUB_OUTPUT. Student text is escaped so that it can never start a
// workflow command of its own or add an output.

#include <ostream>
#include <string>

#include "model/grade_report.hpp"

namespace grader {

/// Writes one workflow command per line, most important first, since GitHub
/// shows only the first 10 errors of a step: ::error for every compiler error,
/// then one ::error per exercise for its first failing test (at the student's
/// file and line when the message names one, saying how many more failed),
/// then ::warning for the other failing tests, unresolved tests and compiler
/// warnings, and last a ::notice with the score. Every
/// property and message is escaped (% \r \n, and : , in properties), so each
/// command stays one line. Hidden tests never show their message.
void write_github_annotations(const GradeReport& report, std::ostream& out);

/// "score=4.5\nmax_score=16.5\npassed=false\n": the step outputs. Values are
/// numbers and booleans only, so no student text can add a line.
std::string github_outputs(const GradeReport& report);

}  // namespace grader
