#pragma once
// A class's grades: what `grader batch` (and `grader merge`) produce, and what
// the class-level formats render (gradebook.csv, summary, report.html).

#include <optional>
#include <string>
#include <vector>

#include "model/grade_report.hpp"

namespace grader {

/// One student's result in a batch.
struct StudentGrade {
  std::string student;                ///< as named by the folder, archive or roster
  std::optional<GradeReport> report;  ///< absent when nothing could be graded
  std::string error;                  ///< why not (a broken archive, ...), when no report
  std::string files_digest;           ///< SHA-256 of the student files graded ("" when none)
};

/// A test whose result changed between two gradings of identical files.
struct UnstableTest {
  std::string student;
  std::string exercise_id;
  std::string test_id;
  std::string before;  ///< outcome names
  std::string after;
};

struct ClassGrades {
  std::string course;
  std::string sandbox;                 ///< the isolation the batch had
  std::vector<StudentGrade> students;  ///< sorted by student
  /// From `--regrade`: changes with no change in the files (nondeterminism).
  std::vector<UnstableTest> unstable;
};

}  // namespace grader
