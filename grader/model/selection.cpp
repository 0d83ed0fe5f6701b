#include "model/selection.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace grader {

bool selected(const Selection& selection, const ExerciseSpec& exercise, const TestSpec& test) {
  const auto& ids = selection.exercise_ids;
  if (!ids.empty() && std::find(ids.begin(), ids.end(), exercise.id) == ids.end()) return false;
  if (test.visibility == Visibility::hidden && !selection.include_hidden) return false;
  if (selection.test_patterns.empty()) return true;
  return std::any_of(selection.test_patterns.begin(), selection.test_patterns.end(),
                     [&](const std::string& pattern) {
                       return ::fnmatch(pattern.c_str(), test.id.c_str(), 0) == 0;
                     });
}

}  // namespace grader
