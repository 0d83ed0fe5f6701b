#include "workspace/submission.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {

using ipclab::i18n::tr;

std::string Submission::display_name(const std::string& exercise_id,
                                     const std::string& file) const {
  std::string name = exercise_id + "/" + file;
  return kind == Kind::working_copy ? "exercises/" + name : name;
}

std::string Submission::relative_file(const std::string& exercise_id,
                                      const std::string& file) const {
  return (root / exercise_id / file).lexically_relative(intake_root()).generic_string();
}

Submission working_copy(const Course& course) {
  return {Submission::Kind::working_copy, course.root / "exercises", tr("working copy"),
          course.root};
}

Submission submission_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw GraderError(
        fmt::format(fmt::runtime(tr("submission '{}' is not a folder")), dir.string()));
  }
  std::filesystem::path named = std::filesystem::absolute(dir).lexically_normal();
  std::filesystem::path root = named;
  if (std::filesystem::exists(root / "assignments.yaml", ec)) root /= "exercises";
  return {Submission::Kind::folder, root, dir.string(), named};
}

}  // namespace grader
