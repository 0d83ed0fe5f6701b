#include "batch/outputs/class_summary.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "i18n/messages.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

constexpr std::size_t kMostFailed = 10;
constexpr std::size_t kFailureKinds = 3;
constexpr std::size_t kDiagnosisChars = 100;

ScoreStats stats_of(std::vector<double> values) {
  ScoreStats stats;
  stats.count = static_cast<int>(values.size());
  if (values.empty()) return stats;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double value : values)
    sum += value;
  const std::size_t middle = values.size() / 2;
  stats.mean = sum / static_cast<double>(values.size());
  stats.median =
      values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  stats.min = values.front();
  stats.max = values.back();
  return stats;
}

const TestGrade* find_test(const ExerciseGrade& exercise, const std::string& id) {
  for (const TestGrade& test : exercise.tests) {
    if (test.id == id) return &test;
  }
  return nullptr;
}

/// The exercise as the first graded student's report has it: with -t, only
/// the selected tests count towards its maximum. nullptr when nobody has it.
const ExerciseGrade* graded_exercise(const ClassGrades& grades, const std::string& id) {
  for (const StudentGrade& grade : grades.students) {
    const ExerciseGrade* exercise = grade.report ? grade.report->exercise(id) : nullptr;
    if (exercise != nullptr) return exercise;
  }
  return nullptr;
}

ExerciseSummary exercise_summary(const ExerciseSpec& spec, const ClassGrades& grades) {
  const ExerciseGrade* graded = graded_exercise(grades, spec.id);
  ExerciseSummary summary{
      spec.id, spec.title, graded ? graded->max_score : spec.max_points(), {}, 0};
  std::vector<double> scores;
  for (const StudentGrade& grade : grades.students) {
    const ExerciseGrade* exercise = grade.report ? grade.report->exercise(spec.id) : nullptr;
    if (exercise == nullptr) continue;
    scores.push_back(exercise->score);
    summary.build_failed += exercise->build.ok ? 0 : 1;
  }
  summary.scores = stats_of(std::move(scores));
  return summary;
}

/// "trial 3 did not finish within 2 s": the first line of a message, cut.
std::string diagnosis_of(const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  if (line.size() > kDiagnosisChars) line = line.substr(0, kDiagnosisChars) + "…";
  return line;
}

/// Adds one student's failure to `kinds` (same outcome and diagnosis: one kind).
void count_failure(std::vector<FailureKind>& kinds, const TestGrade& test) {
  const std::string diagnosis = diagnosis_of(test.message);
  for (FailureKind& kind : kinds) {
    if (kind.outcome == test.outcome && kind.diagnosis == diagnosis) {
      ++kind.students;
      return;
    }
  }
  kinds.push_back({test.outcome, diagnosis, 1});
}

/// The most common kinds first (stable: ties keep the order first seen).
std::vector<FailureKind> most_common(std::vector<FailureKind> kinds) {
  std::stable_sort(kinds.begin(), kinds.end(), [](const FailureKind& a, const FailureKind& b) {
    return a.students > b.students;
  });
  if (kinds.size() > kFailureKinds) kinds.resize(kFailureKinds);
  return kinds;
}

/// The test across the class; also notes its flaky runs into `flaky`.
TestSummary test_summary(const std::string& exercise_id, const TestSpec& spec,
                         const ClassGrades& grades, std::vector<FlakyTest>& flaky) {
  TestSummary summary{exercise_id, spec.id, spec.visibility, spec.points, 0, 0, 0, 0, {}};
  for (const StudentGrade& grade : grades.students) {
    const ExerciseGrade* exercise = grade.report ? grade.report->exercise(exercise_id) : nullptr;
    const TestGrade* test = exercise ? find_test(*exercise, spec.id) : nullptr;
    if (test == nullptr) continue;
    ++summary.graded;
    summary.max_score = test->max_score;
    if (test->outcome != Outcome::passed) count_failure(summary.failure_kinds, *test);
    summary.passed += test->outcome == Outcome::passed ? 1 : 0;
    summary.unresolved += test->outcome == Outcome::unresolved ? 1 : 0;
    if (test->trials_passed > 0 && test->trials_passed < test->trials_total) {
      flaky.push_back({grade.student, exercise_id, spec.id,
                       fmt::format(fmt::runtime(tr("passed {}/{} trials")), test->trials_passed,
                                   test->trials_total)});
    }
  }
  if (summary.graded > 0) summary.pass_rate = static_cast<double>(summary.passed) / summary.graded;
  summary.failure_kinds = most_common(std::move(summary.failure_kinds));
  return summary;
}

std::vector<TestSummary> most_failed(const std::vector<TestSummary>& tests) {
  std::vector<TestSummary> failing;
  for (const TestSummary& test : tests) {
    if (test.failed() > 0) failing.push_back(test);
  }
  // Stable: ties keep the course's order.
  std::stable_sort(failing.begin(), failing.end(), [](const TestSummary& a, const TestSummary& b) {
    return a.failed() > b.failed();
  });
  if (failing.size() > kMostFailed) failing.resize(kMostFailed);
  return failing;
}

}  // namespace

ClassSummary summarize_class(const Course& course, const ClassGrades& grades) {
  ClassSummary summary;
  summary.course = grades.course.empty() ? course.name : grades.course;
  summary.sandbox = grades.sandbox;
  summary.students = static_cast<int>(grades.students.size());
  for (const ExerciseSpec& exercise : course.exercises) {
    summary.exercises.push_back(exercise_summary(exercise, grades));
    summary.max_score += summary.exercises.back().max_score;
    // With -t, the tests not selected are in no grade: they are not part of it.
    const bool graded = graded_exercise(grades, exercise.id) != nullptr;
    for (const TestSpec& test : exercise.tests) {
      TestSummary tested = test_summary(exercise.id, test, grades, summary.flaky);
      if (!graded || tested.graded > 0) summary.tests.push_back(std::move(tested));
    }
  }
  for (const StudentGrade& grade : grades.students) {
    if (grade.report) summary.scores.push_back(grade.report->score);
    if (!grade.report) summary.ungraded.push_back({grade.student, grade.error});
  }
  std::sort(summary.scores.begin(), summary.scores.end());
  summary.totals = stats_of(summary.scores);
  summary.most_failed = most_failed(summary.tests);
  for (const UnstableTest& unstable : grades.unstable) {
    summary.flaky.push_back(
        {unstable.student, unstable.exercise_id, unstable.test_id,
         fmt::format(fmt::runtime(tr("{} → {} on regrade")), unstable.before, unstable.after)});
  }
  return summary;
}

}  // namespace grader
