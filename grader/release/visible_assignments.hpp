#pragma once
// assignments.yaml for the student release: the instructor's file with every
// hidden test's entry cut out, and everything else -- comments, order,
// defaults -- kept as written.

#include <filesystem>
#include <string>

#include "model/course.hpp"

namespace grader {

/// `yaml_text` (the text `course` was loaded from) without the entries of its
/// hidden tests. Each entry is cut from its "- id:" line to the line before the
/// next line indented less than its keys (blank and comment lines at the end
/// stay). Throws GraderError when the result does not load as `course` minus
/// its hidden tests (an entry in flow style, say): the release must never ship
/// a course that differs in any other way.
std::string visible_assignments(const std::string& yaml_text, const Course& course,
                                const std::filesystem::path& course_root);

}  // namespace grader
