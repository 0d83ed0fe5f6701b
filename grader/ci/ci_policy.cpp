#include "ci/ci_policy.hpp"

#include <algorithm>

namespace grader {

int ci_exit_code(const GradeReport& report, std::optional<double> min_score, bool tampered,
                 bool strict) {
  if (report.unresolved()) return 3;
  if (tampered && strict) return 1;
  // Scores are sums of points such as 0.5: compare with a tolerance, so that
  // 9.999999 reaches 10.
  double threshold = min_score.value_or(report.max_score);
  return report.score + 1e-9 >= threshold ? 0 : 1;
}

GradeReport without_hidden_details(GradeReport report) {
  for (ExerciseGrade& exercise : report.exercises) {
    for (TestGrade& test : exercise.tests) {
      if (test.visibility != Visibility::hidden || test.outcome == Outcome::passed) continue;
      test.message = "hidden test: its details are not shown";
      test.notes.clear();
      test.rerun.clear();
      test.host_rerun.clear();
    }
  }
  return report;
}

double max_score(const Course& course, const Selection& selection) {
  double total = 0;
  for (const ExerciseSpec& exercise : course.exercises) {
    const auto& ids = selection.exercise_ids;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), exercise.id) == ids.end()) continue;
    total += exercise.build_points;
    for (const TestSpec& test : exercise.tests) {
      if (selected(selection, exercise, test)) total += test.points;
    }
  }
  return total;
}

}  // namespace grader
