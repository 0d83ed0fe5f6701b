#include "model/course.hpp"

namespace grader {

double ExerciseSpec::max_points() const {
  double total = build_points;
  for (const TestSpec& test : tests)
    total += test.points;
  return total;
}

const ExerciseSpec* Course::find(const std::string& id) const {
  for (const ExerciseSpec& exercise : exercises) {
    if (exercise.id == id) return &exercise;
  }
  return nullptr;
}

const char* to_string(Visibility visibility) {
  return visibility == Visibility::visible ? "visible" : "hidden";
}

bool is_identifier(const std::string& id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z') return false;
  return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

}  // namespace grader
