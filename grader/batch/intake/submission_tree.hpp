#pragma once
// What a submission holds, read safely, and the student files found in it.
// A submission (folder or archive) is listed as relative paths; only the files
// that may be student files are read. The student files are found at
// <id>/<file> or, for a clone of the course, exercises/<id>/<file>; a
// submission whose files all sit in one top folder is unwrapped first.

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/store/files_digest.hpp"
#include "model/course.hpp"

namespace grader {

/// A submission that cannot be graded (unsafe archive, over a limit, no
/// student files). what() is one line naming the submission and how to fix it;
/// the student gets an error row and 0, the batch goes on.
class IntakeError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Limits on what is read from one submission.
struct IntakeLimits {
  std::uint64_t max_files = 10'000;              ///< entries of an archive or files of a folder
  std::uint64_t max_file_bytes = 16ull << 20;    ///< one file, uncompressed
  std::uint64_t max_total_bytes = 256ull << 20;  ///< all files of an archive, uncompressed
};

struct SubmissionTree {
  /// Every entry but folders (files, links, FIFOs...), relative, '/'-separated.
  std::vector<std::string> files;
  std::map<std::string, std::string> contents;  ///< of the files that may be student files
  /// Student files the intake refused (workspace/student_file.hpp): the reason.
  std::map<std::string, std::string> refused;
};

/// True when `path` ends with "<id>/<file>" of a student file of `course`.
bool may_be_student_file(const Course& course, const std::string& path);

/// Lists folder `dir` (hidden entries skipped, links never followed) and
/// takes its student files in through the one intake: a link, FIFO, device,
/// folder or file over the intake's size limit where a student file belongs
/// is refused, that file alone. Throws IntakeError past limits.max_files
/// entries.
SubmissionTree read_folder_tree(const std::filesystem::path& dir, const Course& course,
                                const IntakeLimits& limits);

/// The student files of `tree`, by "<id>/<file>"; a refused one is an empty
/// file and the record of its refusal (workspace/refusal_record.hpp). Throws
/// IntakeError (naming `name` and where the files were expected) when there
/// is none at all.
StudentFiles pick_student_files(const Course& course, const SubmissionTree& tree,
                                const std::string& name);

}  // namespace grader
