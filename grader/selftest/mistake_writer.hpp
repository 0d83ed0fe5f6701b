#pragma once
// The mistakes of tests/mistakes/ as files: each is stored as edits of the
// model answer (config/mistake_loader.hpp), which is what keeps it from
// drifting, but is graded -- and read by people -- as the files it makes.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "config/edit_reader.hpp"
#include "config/mistake_loader.hpp"
#include "model/course.hpp"

namespace grader {

/// Every student file of `mistake`'s exercise as the mistake has it: the
/// model answer in solutions/<exercise>/ with its edits applied. Throws
/// ConfigError when a model answer file cannot be read, EditError when an
/// edit no longer applies exactly once.
SourceFiles mistake_sources(const Course& course, const MistakeSpec& mistake);

/// Writes the files each of `mistakes` changes (MistakeSpec::files) as
/// `dir`/<exercise>/<name>/<file>, for the mistakes of `exercise_ids` (all
/// when empty); each <exercise>/<name> folder is emptied first, nothing else
/// in `dir` is touched. Returns how many mistakes it wrote. Throws as
/// mistake_sources, GraderError or std::filesystem_error when `dir` cannot
/// be written.
std::size_t write_mistakes(const Course& course, const std::vector<MistakeSpec>& mistakes,
                           const std::vector<std::string>& exercise_ids,
                           const std::filesystem::path& dir);

}  // namespace grader
