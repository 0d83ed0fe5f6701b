#pragma once
// The finished grade: what reporters see, and all they see.

#include <chrono>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "model/outcome.hpp"
#include "model/results.hpp"

namespace grader {

inline constexpr const char* kGradeSchema = "ipclab.grade/1";

struct TestGrade {
  std::string id;
  Visibility visibility = Visibility::visible;
  Outcome outcome = Outcome::not_run;
  double score = 0;
  double max_score = 0;
  std::string message;  ///< why it did not pass ("" when passed)
  std::string hint;     ///< the course's hint, shown when it did not pass
  int trials_passed = 0;
  int trials_total = 0;
  std::chrono::milliseconds duration{0};
  /// The command that reruns just this test in the student's copy:
  /// "./lab check pipe_ping_pong --test wire_format".
  std::string rerun;
  /// The same on the grading host (its drivers and harness by path): for the
  /// instructor, never shown to students.
  std::string host_rerun;
  std::vector<std::string> notes;
};

struct BuildGrade {
  bool ok = false;
  double score = 0;
  double max_score = 0;
  std::vector<Diagnostic> diagnostics;
  std::string log;
  std::vector<std::string> notes;
};

/// "./lab check EXERCISE --test TEST" (with --hidden for a hidden test): what
/// reruns one test in a student's copy of the course.
std::string student_rerun(const std::string& exercise_id, const std::string& test_id,
                          Visibility visibility);

struct ExerciseGrade {
  std::string id;
  std::string title;
  double score = 0;
  double max_score = 0;
  BuildGrade build;
  std::vector<TestGrade> tests;
};

struct GradeReport {
  std::string course;
  std::string submission;  ///< what was graded: "working copy", a path
  std::string sandbox;     ///< which isolation the runs had
  bool hidden_included = false;
  double score = 0;
  double max_score = 0;
  std::vector<ExerciseGrade> exercises;

  /// True when some test is unresolved (the grade is not trustworthy).
  bool unresolved() const;
  /// True when every graded item got full marks.
  bool all_passed() const;
  /// The exercise with this id, or nullptr when the report has none.
  const ExerciseGrade* exercise(const std::string& id) const;
  ExerciseGrade* exercise(const std::string& id);
};

}  // namespace grader
