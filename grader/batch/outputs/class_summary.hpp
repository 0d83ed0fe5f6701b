#pragma once
// The statistics of a batch: what summary.json, summary.md and report.html show.
// Pure: computed from the course and the class's grades, nothing else.

#include <ostream>
#include <string>
#include <vector>

#include "model/class_grades.hpp"
#include "model/course.hpp"

namespace grader {

inline constexpr const char* kSummarySchema = "ipclab.summary/1";

/// Mean, median, minimum and maximum of some scores (all 0 when there are none).
struct ScoreStats {
  int count = 0;
  double mean = 0;
  double median = 0;
  double min = 0;
  double max = 0;
};

struct ExerciseSummary {
  std::string id;
  std::string title;
  double max_score = 0;  ///< of the graded selection (-t), as the students' grades say
  ScoreStats scores;     ///< over the graded students
  int build_failed = 0;
};

/// One way a test failed across the class: the outcome and the first line of
/// the message ("timed out", "trial 3 did not finish within 2 s"), and how
/// many students it happened to.
struct FailureKind {
  Outcome outcome = Outcome::failed;
  std::string diagnosis;
  int students = 0;
};

/// How one test went across the class.
struct TestSummary {
  std::string exercise_id;
  std::string test_id;
  Visibility visibility = Visibility::visible;
  double max_score = 0;
  int graded = 0;        ///< students whose report has this test
  int passed = 0;        ///< ... and passed it
  int unresolved = 0;    ///< ... and the grader could not tell
  double pass_rate = 0;  ///< passed / graded; 0 when none was graded
  /// The most common ways it did not pass (unresolved included), most
  /// students first; at most three.
  std::vector<FailureKind> failure_kinds;
  int failed() const { return graded - passed - unresolved; }
};

/// A test whose result was not the same every time for one student.
struct FlakyTest {
  std::string student;
  std::string exercise_id;
  std::string test_id;
  std::string reason;  ///< "passed 2/3 trials", "passed → failed on regrade"
};

struct UngradedStudent {
  std::string student;
  std::string error;
};

struct ClassSummary {
  std::string course;
  std::string sandbox;
  int students = 0;            ///< graded and ungraded
  double max_score = 0;        ///< of what was graded (-e, -t), as each student's grade says
  ScoreStats totals;           ///< over the graded students
  std::vector<double> scores;  ///< each graded student's total, sorted ascending
  std::vector<ExerciseSummary> exercises;  ///< in course order
  std::vector<TestSummary> tests;        ///< in course order; only those graded (-t), when any was
  std::vector<TestSummary> most_failed;  ///< most failures first; at most 10, none passed by all
  std::vector<FlakyTest> flaky;
  std::vector<UngradedStudent> ungraded;
};

/// The statistics of `grades` for the exercises and tests of `course`. Never
/// throws: an empty class gives zero counts.
ClassSummary summarize_class(const Course& course, const ClassGrades& grades);

/// summary.json, of schema kSummarySchema, indented by 2 spaces.
void write_summary_json(const ClassSummary& summary, std::ostream& out);

/// summary.md: the same statistics as Markdown tables.
void write_summary_markdown(const ClassSummary& summary, std::ostream& out);

}  // namespace grader
