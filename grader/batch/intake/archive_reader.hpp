#pragma once
// Reading a submission archive (.zip, .tar.gz, .tgz) with libarchive, safely:
// nothing is written to disk, and an archive with an absolute or `..` path, a
// link, a device, or more entries or bytes than the limits allow is rejected
// as a whole.

#include <filesystem>

#include "batch/intake/submission_tree.hpp"
#include "model/course.hpp"

namespace grader {

/// True for the names read_archive() accepts: *.zip, *.tar.gz, *.tgz.
bool is_archive_name(const std::string& filename);

/// Lists `archive` and reads the entries that may be student files of
/// `course`. Throws IntakeError, one line naming the archive, the entry and
/// the limit or rule it breaks.
SubmissionTree read_archive(const std::filesystem::path& archive, const Course& course,
                            const IntakeLimits& limits);

}  // namespace grader
