#pragma once
// What `grader ci` grades: the course as the base commit has it, and the pull
// request's working tree as the submission (only its student files are used).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exec/process_runner.hpp"
#include "model/course.hpp"
#include "workspace/submission.hpp"

namespace grader {

struct PullRequest {
  Course course;          ///< from the base commit (or the working tree without a base)
  Submission submission;  ///< the working tree's exercises/
  std::optional<std::string> base_ref;  ///< as given; unset: no tamper check was made
  std::vector<std::string> tampered;    ///< repository paths changed outside the student files
};

/// Extracts `base_ref` into `<work_dir>/ci-base`, loads the course from it, and
/// lists what the working tree of `course_root` changed outside its student
/// files (committed, uncommitted and untracked files; the work folder is not
/// counted). The course's texts are in the first of `preferred` it is written
/// in, else its own `language:` (load_course). Throws ConfigError for an unknown ref or a broken
/// base assignments.yaml, GraderError when git fails.
PullRequest pull_request_against(ipclab::exec::ProcessRunner& runner,
                                 const std::filesystem::path& course_root,
                                 const std::string& base_ref, const std::filesystem::path& work_dir,
                                 const std::vector<std::string>& preferred = {});

/// The working tree as it is: its own course (its texts as in
/// pull_request_against), no tamper check.
PullRequest pull_request_as_is(const std::filesystem::path& course_root,
                               const std::vector<std::string>& preferred = {});

}  // namespace grader
