#include "model/grade_report.hpp"

namespace grader {

bool GradeReport::unresolved() const {
  for (const ExerciseGrade& exercise : exercises) {
    for (const TestGrade& test : exercise.tests) {
      if (test.outcome == Outcome::unresolved) return true;
    }
  }
  return false;
}

bool GradeReport::all_passed() const {
  for (const ExerciseGrade& exercise : exercises) {
    if (!exercise.build.ok) return false;
    for (const TestGrade& test : exercise.tests) {
      if (test.outcome != Outcome::passed) return false;
    }
  }
  return true;
}

}  // namespace grader
