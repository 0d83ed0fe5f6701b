#pragma once
// grader selftest --repeat N: one submission (the model answers) graded N
// times must get the same outcome in every test, every time. A timing test
// that passes 2 runs in 3 gives a student a score that depends on the
// machine's load; this finds such a test and names it, never silently.

#include <functional>
#include <vector>

#include "model/grade_report.hpp"
#include "selftest/selftest.hpp"

namespace grader {

/// One grading of the same submission and selection; `run` counts from 1.
using GradeOnce = std::function<GradeReport(int run)>;

/// One check per exercise of the first run (group "repeated runs"): ok when
/// every run gave each of its tests the same outcome. The detail lists the
/// scores of the runs ("scores: 38, 35, 38") and, for each test that flipped,
/// its outcome in every run ("wire_format: passed, failed, passed"). A test
/// or exercise missing from a later run counts as a flip. Empty for no runs.
std::vector<SelftestCheck> compare_runs(const std::vector<GradeReport>& runs);

/// Grades `runs` times with `grade_once` and compares the reports.
SelftestReport check_repeated(int runs, const GradeOnce& grade_once);

}  // namespace grader
