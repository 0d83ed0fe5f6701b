#pragma once
// The Gradescope reporter: results.json as Gradescope's autograder
// specification defines it (score, output, tests[] with name, score,
// max_score, status, output, visibility).
// tests/grader/schemas/gradescope.schema.json describes it.

#include <ostream>

#include <string>

#include "model/course.hpp"
#include "model/grade_report.hpp"

namespace grader {

/// Writes `report` as Gradescope's results.json, indented by 2 spaces. Hidden
/// tests get the visibility `hidden_tests` (assignments.yaml's
/// `gradescope: hidden_tests`, "after_published" by default) and never show
/// their message. The build of each exercise is a test of its own. Throws
/// only what `out` throws.
void write_gradescope_results(const GradeReport& report, std::ostream& out,
                              const std::string& hidden_tests = kGradescopeHiddenDefault);

}  // namespace grader
