#pragma once
// A refusal handed on. `grader batch` takes each submission in through the
// intake (student_file.hpp) and stages what it read for a `grader check
// --submission` of its own; a file it refused is staged as a record of the
// refusal, so the check fails that exercise's build with the same one line
// the batch's intake wrote, rather than grading the starter file.
//
//   <staged>/.ipclab-refused/<id>/<file>   the reason of the refusal, one line
//
// A student who writes such a record by hand only refuses their own file;
// a batch never takes one from a submission (hidden entries are skipped).

#include <filesystem>
#include <string>

#include "workspace/student_file.hpp"

namespace grader {

/// The staged path, relative to the staging folder, of the record of the
/// refusal of student file `key` ("<id>/<file>").
std::string refusal_record_key(const std::string& key);

/// Student file `relative` of the submission folder `root`: refused with the
/// recorded reason when a record is there, else read_student_file().
StudentFileRead take_in_student_file(const std::filesystem::path& root, const std::string& relative,
                                     const std::string& shown);

}  // namespace grader
