#include "workspace/submission.hpp"

#include "model/grader_error.hpp"

namespace grader {

std::string Submission::display_name(const std::string& exercise_id,
                                     const std::string& file) const {
  std::string name = exercise_id + "/" + file;
  return kind == Kind::working_copy ? "exercises/" + name : name;
}

Submission working_copy(const Course& course) {
  return {Submission::Kind::working_copy, course.root / "exercises", "working copy"};
}

Submission submission_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw GraderError("submission '" + dir.string() + "' is not a folder");
  }
  std::filesystem::path root = std::filesystem::absolute(dir).lexically_normal();
  if (std::filesystem::exists(root / "assignments.yaml", ec)) root /= "exercises";
  return {Submission::Kind::folder, root, dir.string()};
}

}  // namespace grader
