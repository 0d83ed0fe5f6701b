#pragma once
// Scoring: pure arithmetic from the course, the builds and the test results to
// the finished GradeReport. A test earns its points only if every trial passed;
// unresolved tests earn nothing.

#include <string>
#include <vector>

#include "model/course.hpp"
#include "model/grade_report.hpp"
#include "model/results.hpp"
#include "model/selection.hpp"

namespace grader {

struct ReportContext {
  std::string submission;
  std::string sandbox;
};

/// One TestGrade from a test's trials (outcome, trials k/n, message).
TestGrade grade_test(const TestSpec& spec, const TestResult& result);

/// The report of the exercises in `selection` that were built.
GradeReport score(const Course& course, const Selection& selection,
                  const std::vector<BuildResult>& builds, const std::vector<TestResult>& tests,
                  const ReportContext& context);

}  // namespace grader
