#include "model/grade_report.hpp"

#include <utility>

namespace grader {

std::string student_rerun(const std::string& exercise_id, const std::string& test_id,
                          Visibility visibility) {
  std::string command = "./lab check " + exercise_id + " --test " + test_id;
  return visibility == Visibility::hidden ? command + " --hidden" : command;
}

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

const ExerciseGrade* GradeReport::exercise(const std::string& id) const {
  for (const ExerciseGrade& found : exercises) {
    if (found.id == id) return &found;
  }
  return nullptr;
}

ExerciseGrade* GradeReport::exercise(const std::string& id) {
  return const_cast<ExerciseGrade*>(std::as_const(*this).exercise(id));
}

}  // namespace grader
