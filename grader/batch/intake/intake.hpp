#pragma once
// Intake: which submissions a batch grades, and reading each one's student
// files. Submissions come from a folder (each entry a folder or an archive,
// named by student: alice/, bob.zip, carol.tar.gz) or from a roster.

#include <filesystem>
#include <string>
#include <vector>

#include "batch/intake/submission_tree.hpp"
#include "batch/store/files_digest.hpp"
#include "model/course.hpp"

namespace grader {

struct SubmissionSource {
  std::string student;
  std::filesystem::path path;
  /// Set when the entry cannot be graded as it is (a .rar, a name given
  /// twice): the student gets this as an error row.
  std::string problem;
};

/// The entries of folder `dir`, sorted by student. Hidden entries are
/// skipped. Throws GraderError when `dir` is not a folder.
std::vector<SubmissionSource> discover_submissions(const std::filesystem::path& dir);

/// The roster's entries (see roster.hpp), sorted by student. Throws
/// ConfigError on a malformed roster.
std::vector<SubmissionSource> roster_submissions(const std::filesystem::path& csv);

/// The student files of `source` (folder or archive). Throws IntakeError with
/// a one-line reason when they cannot be read safely or there are none.
StudentFiles read_student_files(const SubmissionSource& source, const Course& course,
                                const IntakeLimits& limits);

}  // namespace grader
