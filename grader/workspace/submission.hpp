#pragma once
// What is being graded: the student's working copy of the course, or a
// submission folder laid out like exercises/ (one folder per exercise id), or a
// whole clone of the course. Only the declared student files are ever taken
// from it; everything else comes from the course.

#include <filesystem>
#include <string>

#include "model/course.hpp"

namespace grader {

struct Submission {
  enum class Kind { working_copy, folder };
  Kind kind = Kind::working_copy;
  /// The folder holding one folder per exercise id.
  std::filesystem::path root;
  /// How reports name it: "working copy" or the path as given.
  std::string label;
  /// The folder the user named, which holds `root` (the course for the
  /// working copy and a pull request, a clone's top folder); empty: `root`.
  /// The intake follows no link below it, `exercises/` included.
  std::filesystem::path named = {};

  /// Where the submission keeps `file` of `exercise_id`.
  std::filesystem::path file(const std::string& exercise_id, const std::string& file) const {
    return root / exercise_id / file;
  }
  /// Where `file` of `exercise_id` is below intake_root(): "x/y.cpp", or
  /// "exercises/x/y.cpp" below a course or a clone.
  std::string relative_file(const std::string& exercise_id, const std::string& file) const;
  /// The folder the intake starts from: `named`, or `root`.
  const std::filesystem::path& intake_root() const { return named.empty() ? root : named; }
  /// How a student names that file: "exercises/x/y.cpp" or "x/y.cpp".
  std::string display_name(const std::string& exercise_id, const std::string& file) const;
};

/// The working copy: <course>/exercises.
Submission working_copy(const Course& course);

/// A submission folder. A folder that holds an assignments.yaml is a clone of
/// the course: its exercises/ folder is used. Throws GraderError if `dir` is
/// not a folder.
Submission submission_folder(const std::filesystem::path& dir);

}  // namespace grader
