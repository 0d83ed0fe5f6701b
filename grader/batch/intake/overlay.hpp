#pragma once
// The overlay: a submission's student files, laid out like exercises/ in a
// staging folder that `grader check --submission` grades on top of the
// pristine course. Kept between runs, so unchanged files keep their times and
// the student's workspace does not recompile them.

#include <filesystem>

#include "batch/store/files_digest.hpp"

namespace grader {

/// Makes `dir` hold exactly `files` (<dir>/<id>/<file>): writes the files
/// whose contents changed and removes files left from an earlier
/// submission. Throws GraderError when it cannot write.
void stage_student_files(const StudentFiles& files, const std::filesystem::path& dir);

}  // namespace grader
