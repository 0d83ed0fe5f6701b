#pragma once
// The load stage: assignments.yaml -> Course. The only code that reads the
// course's YAML; it rejects what it does not know and converts units, so that
// everything after it trusts the model.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// Reads and checks `<course_root>/assignments.yaml`, including that the
/// statements and student files it names exist under `course_root`.
/// Throws ConfigError ("assignments.yaml:LINE:COL: ...", or
/// "<course_root>/assignments.yaml: not found"). Never returns a partial Course.
/// Its texts are in the first of `preferred` (language codes, best first) the
/// course is written in, else in the course's own `language:`.
Course load_course(const std::filesystem::path& course_root,
                   const std::vector<std::string>& preferred = {});

/// As load_course, with the YAML given as text; `display_name` is the file
/// name in messages. Files are still looked up under `course_root`.
Course parse_course(std::string_view yaml_text, const std::string& display_name,
                    const std::filesystem::path& course_root,
                    const std::vector<std::string>& preferred = {});

}  // namespace grader
