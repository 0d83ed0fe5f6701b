#include "batch/schedule/test_schedule.hpp"

#include <algorithm>

#include "plan/run_plan.hpp"

namespace grader {
namespace {

struct SelectedTests {
  std::vector<std::string> exercises;  ///< with at least one such test
  std::vector<std::string> tests;      ///< exact test ids
};

SelectedTests select(const Course& course, const Selection& selection, bool exclusive) {
  SelectedTests found;
  for (const ExerciseSpec& exercise : course.exercises) {
    bool any = false;
    for (const TestSpec& test : exercise.tests) {
      if (!selected(selection, exercise, test) || is_exclusive(test) != exclusive) continue;
      any = true;
      if (std::find(found.tests.begin(), found.tests.end(), test.id) == found.tests.end()) {
        found.tests.push_back(test.id);
      }
    }
    if (any) found.exercises.push_back(exercise.id);
  }
  return found;
}

bool has_test(const ExerciseGrade& exercise, const std::string& id) {
  return std::any_of(exercise.tests.begin(), exercise.tests.end(),
                     [&](const TestGrade& test) { return test.id == id; });
}

/// Puts the tests of `exercise` in course order and sums its scores again.
void settle(const ExerciseSpec& spec, ExerciseGrade& exercise) {
  auto rank = [&](const TestGrade& test) {
    auto it = std::find_if(spec.tests.begin(), spec.tests.end(),
                           [&](const TestSpec& t) { return t.id == test.id; });
    return it - spec.tests.begin();
  };
  std::stable_sort(exercise.tests.begin(), exercise.tests.end(),
                   [&](const TestGrade& a, const TestGrade& b) { return rank(a) < rank(b); });
  exercise.score = exercise.build.score;
  exercise.max_score = exercise.build.max_score;
  for (const TestGrade& test : exercise.tests) {
    exercise.score += test.score;
    exercise.max_score += test.max_score;
  }
}

}  // namespace

std::vector<GradingPhase> plan_phases(const Course& course, const Selection& selection) {
  SelectedTests shared = select(course, selection, false);
  SelectedTests exclusive = select(course, selection, true);
  if (exclusive.tests.empty() || shared.tests.empty())
    return {{selection, !exclusive.tests.empty()}};
  Selection first = selection;
  first.test_patterns = shared.tests;  // test ids are plain names: exact globs
  Selection second = selection;
  second.exercise_ids = exclusive.exercises;
  second.test_patterns = exclusive.tests;
  return {{first, false}, {second, true}};
}

GradeReport merge_phase_reports(const Course& course, const std::vector<GradeReport>& parts) {
  GradeReport merged = parts.at(0);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    for (const ExerciseGrade& exercise : parts[i].exercises) {
      ExerciseGrade* into = merged.exercise(exercise.id);
      if (into == nullptr) {
        merged.exercises.push_back(exercise);
        continue;
      }
      for (const TestGrade& test : exercise.tests) {
        if (!has_test(*into, test.id)) into->tests.push_back(test);
      }
    }
  }
  auto rank = [&](const ExerciseGrade& exercise) {
    const ExerciseSpec* spec = course.find(exercise.id);
    return spec == nullptr ? course.exercises.size()
                           : static_cast<std::size_t>(spec - course.exercises.data());
  };
  std::stable_sort(
      merged.exercises.begin(), merged.exercises.end(),
      [&](const ExerciseGrade& a, const ExerciseGrade& b) { return rank(a) < rank(b); });
  merged.score = merged.max_score = 0;
  for (ExerciseGrade& exercise : merged.exercises) {
    if (const ExerciseSpec* spec = course.find(exercise.id)) settle(*spec, exercise);
    merged.score += exercise.score;
    merged.max_score += exercise.max_score;
  }
  return merged;
}

}  // namespace grader
