#pragma once
// Writing a submission into a slot that is graded again and again (selftest's
// mistakes and mutants): only the files that differ are written, so that the
// slot's build recompiles just those.

#include <filesystem>

#include "config/edit_reader.hpp"

namespace grader {

/// Writes each of `files` into `folder` (made when missing) unless the file
/// there already holds the same bytes: an unchanged file keeps its time stamp.
/// Throws GraderError when a file cannot be written.
void write_changed_files(const std::filesystem::path& folder, const SourceFiles& files);

}  // namespace grader
