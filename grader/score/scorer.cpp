#include "score/scorer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace grader {
namespace {

const TestResult* result_of(const std::vector<TestResult>& tests, const std::string& exercise,
                            const std::string& test) {
  for (const TestResult& r : tests) {
    if (r.exercise_id == exercise && r.test_id == test) return &r;
  }
  return nullptr;
}

BuildGrade grade_build(const ExerciseSpec& exercise, const BuildResult& build) {
  BuildGrade grade;
  grade.ok = build.ok;
  grade.max_score = exercise.build_points;
  grade.score = build.ok ? exercise.build_points : 0;
  grade.diagnostics = build.diagnostics;
  grade.log = build.log;
  grade.notes = build.notes;
  return grade;
}

/// The first failing trial's message; reporters show the k/n count themselves.
std::string trials_message(int total, int planned, const TrialResult& first_failure,
                           int failure_index) {
  std::string text;
  if (total < planned) text += fmt::format("(stopped after trial {} of {}) ", total, planned);
  if (planned > 1) text += fmt::format("Trial {}: ", failure_index + 1);
  return text + first_failure.message;
}

/// A test's grade before its trials are read: what the course says of it
/// and how to run it again.
TestGrade grade_before_trials(const TestSpec& spec, const TestResult& result) {
  TestGrade grade;
  grade.id = spec.id;
  grade.visibility = spec.visibility;
  grade.max_score = spec.points;
  grade.hint = spec.hint;
  grade.rerun = student_rerun(result.exercise_id, spec.id, spec.visibility);
  grade.host_rerun = result.rerun;
  return grade;
}

/// Adds up `trials` on `grade` (count, passes, time, each note once); returns
/// the index of the first trial that did not pass, or -1.
int tally_trials(const std::vector<TrialResult>& trials, TestGrade& grade) {
  grade.trials_total = static_cast<int>(trials.size());
  int first_failure = -1;
  for (int i = 0; i < grade.trials_total; ++i) {
    const TrialResult& trial = trials[i];
    grade.duration += trial.duration;
    for (const std::string& note : trial.notes) {
      if (std::find(grade.notes.begin(), grade.notes.end(), note) == grade.notes.end()) {
        grade.notes.push_back(note);
      }
    }
    if (trial.outcome == Outcome::passed)
      ++grade.trials_passed;
    else if (first_failure < 0)
      first_failure = i;
  }
  return first_failure;
}

/// Settles a grade none of whose trials failed: its points when every
/// planned trial ran, else not run (none ran) or unresolved (some did not).
void settle_without_failure(const TestSpec& spec, int trials_planned, TestGrade& grade) {
  if (grade.trials_total > 0 && grade.trials_total == trials_planned) {
    grade.outcome = Outcome::passed;
    grade.score = spec.points;
    return;
  }
  grade.outcome = grade.trials_total == 0 ? Outcome::not_run : Outcome::unresolved;
  grade.message = "not every planned trial ran";
}

/// Settles a grade on the trial that failed first: its outcome, its message
/// and the hint for it; a test that never ran counts no trials.
void settle_failure(const TestSpec& spec, const TestResult& result, int failure_index,
                    TestGrade& grade) {
  const TrialResult& failure = result.trials[failure_index];
  grade.outcome = failure.outcome;
  if (failure.outcome == Outcome::build_failed || failure.outcome == Outcome::not_run) {
    grade.trials_total = 0;  // nothing ran
    grade.message = failure.message;
    return;
  }
  grade.message = trials_message(grade.trials_total, result.trials_planned, failure, failure_index);
  grade.hint = hint_for(spec.hints, spec.hint, grade.outcome, failure.message);
}

}  // namespace

TestGrade grade_test(const TestSpec& spec, const TestResult& result) {
  TestGrade grade = grade_before_trials(spec, result);
  const int first_failure = tally_trials(result.trials, grade);
  if (first_failure < 0)
    settle_without_failure(spec, result.trials_planned, grade);
  else
    settle_failure(spec, result, first_failure, grade);
  return grade;
}

GradeReport score(const Course& course, const Selection& selection,
                  const std::vector<BuildResult>& builds, const std::vector<TestResult>& tests,
                  const ReportContext& context) {
  GradeReport report;
  report.course = course.name;
  report.submission = context.submission;
  report.sandbox = context.sandbox;
  report.hidden_included = selection.include_hidden;
  for (const ExerciseSpec& exercise : course.exercises) {
    const BuildResult* build = find_build(builds, exercise.id);
    if (build == nullptr) continue;  // not selected
    ExerciseGrade grade;
    grade.id = exercise.id;
    grade.title = exercise.title;
    grade.build = grade_build(exercise, *build);
    grade.score = grade.build.score;
    grade.max_score = grade.build.max_score;
    for (const TestSpec& test : exercise.tests) {
      if (!selected(selection, exercise, test)) continue;
      const TestResult* result = result_of(tests, exercise.id, test.id);
      TestGrade test_grade = result ? grade_test(test, *result) : TestGrade{};
      if (!result) {
        test_grade = {test.id, test.visibility, Outcome::not_run, 0, test.points, "not run"};
      }
      grade.score += test_grade.score;
      grade.max_score += test_grade.max_score;
      grade.tests.push_back(std::move(test_grade));
    }
    report.score += grade.score;
    report.max_score += grade.max_score;
    report.exercises.push_back(std::move(grade));
  }
  return report;
}

}  // namespace grader
