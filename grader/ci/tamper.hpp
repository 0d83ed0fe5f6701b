#pragma once
// Tamper detection for `grader ci`: a pull request may change only the
// declared student files (exercises/<id>/<file> per the base's
// assignments.yaml). Every other change is ignored by grading -- the course
// comes from the base commit -- and reported, so that nobody mistakes a PR that
// edits a test for one that passes it.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// The repository paths a pull request may change: `<prefix>exercises/<id>/<file>`
/// for every student file of `base`; `course_prefix` is the course folder
/// relative to the repository's top ("" or "course/"), with its slash.
std::vector<std::string> student_paths(const Course& base, const std::string& course_prefix);

/// The files of `changed` (repository paths) that are not student files and
/// not under one of `ignored_prefixes` (the grader's own work folder), sorted,
/// each once.
std::vector<std::string> tampered_files(const Course& base, const std::string& course_prefix,
                                        const std::vector<std::string>& changed,
                                        const std::vector<std::string>& ignored_prefixes = {});

/// `path` relative to `top` with a trailing slash ("" when equal), or nullopt
/// when `path` is not inside `top`.
std::optional<std::string> prefix_within(const std::filesystem::path& path,
                                         const std::filesystem::path& top);

/// A file name from the pull request, safe to print on one line: control
/// characters (a newline could start a forged workflow command) as \n, \xHH.
std::string printable_path(const std::string& path);

/// "grader: warning: FILE differs from BASE, but only student files are taken
/// from a pull request: graded with the base's version (revert it, or ask your
/// instructor)".
std::string tamper_warning(const std::string& file, const std::string& base_ref);

}  // namespace grader
