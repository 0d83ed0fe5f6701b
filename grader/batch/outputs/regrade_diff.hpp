#pragma once
// What `grader batch --regrade` prints: each student's old -> new total, and
// every test whose outcome or score changed. A change while the student's
// files are unchanged is nondeterminism (a race, a timing-dependent test):
// it is flagged and kept as an UnstableTest.

#include <string>
#include <vector>

#include "model/class_grades.hpp"

namespace grader {

struct RegradeDiff {
  std::vector<std::string> lines;  ///< "alice: 41 → 44 (files changed)", "  ex/test: ..."
  std::vector<UnstableTest> unstable;
};

/// Compares a student's stored grade with the new one.
RegradeDiff diff_regrade(const StudentGrade& before, const StudentGrade& after);

}  // namespace grader
