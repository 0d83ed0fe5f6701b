#pragma once
// The JUnit XML reporter, in the common format CI systems read (Jenkins, GitLab,
// GitHub test-report actions): <testsuites> holding one <testsuite> per
// exercise and one <testcase> per test, the build being a testcase of its own.
// Valid against the Jenkins xUnit plugin's junit-10.xsd (the strictest reader):
// exercise points sit in the suite's <properties>, a test's points, outcome,
// visibility and trials in its <system-out> ("score: 2/2"), since that schema
// allows no <properties> in a <testcase>. tests/grader/schemas/ holds both
// schemas the tests validate against.

#include <ostream>

#include "model/grade_report.hpp"

namespace grader {

/// Writes `report` as a JUnit XML document (UTF-8). Passed tests have no child
/// element; failed, timed-out, crashed and over-the-limit tests have <failure>;
/// unresolved tests have <error> (the grader's fault, not the student's); tests
/// not built or not run have <skipped>. Characters XML 1.0 forbids become
/// U+FFFD. Throws only what `out` throws.
void write_junit_report(const GradeReport& report, std::ostream& out);

}  // namespace grader
