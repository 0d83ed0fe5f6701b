#pragma once
// Student names come from folder, archive and roster names and become folder
// names in the output (students/<name>/), so they are checked once.

#include <string>

namespace grader {

/// Why `name` cannot name a student ("" when it can): it must be 1-100
/// characters, with no '/', '\\' or control characters, and not start with '.'.
std::string student_name_problem(const std::string& name);

}  // namespace grader
