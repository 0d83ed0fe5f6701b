#pragma once
// What to grade: which exercises and which of their tests. A value that
// planning, scoring, CI and batch share, so none of them reaches into another
// stage for it.

#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// What to grade.
struct Selection {
  std::vector<std::string> exercise_ids;   ///< empty: all
  std::vector<std::string> test_patterns;  ///< globs on test ids ("recv*"); empty: all
  bool include_hidden = false;
};

/// True when `test` of `exercise` is selected by `selection`: its exercise is
/// listed (or none is), it is visible (or hidden tests are included), and its
/// id matches one of the patterns (or there are none). Never throws.
bool selected(const Selection& selection, const ExerciseSpec& exercise, const TestSpec& test);

}  // namespace grader
