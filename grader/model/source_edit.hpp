#pragma once
// An exact change to one student file, the common form of a mistake
// (tests/mistakes/) and a mutant (grader selftest --mutants): the model
// answer's file with `find` replaced by `replace`. `find` must occur exactly
// once, so an edit never applies silently to the wrong place and stops
// applying, loudly, when the model answer changes under it.

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct SourceEdit {
  std::string file;     ///< a student file of the exercise, by name
  std::string find;     ///< text that occurs exactly once in that file
  std::string replace;  ///< what it becomes
};

/// An edit that does not apply: its find text occurs zero or several times.
class EditError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How many times `find` starts in `text` (overlapping ones counted).
std::size_t occurrences(std::string_view text, std::string_view find);

/// `text` (the content of edit.file) with `edit` applied. Throws EditError
/// naming the file and the count when `find` is empty or not there exactly once.
std::string apply_edit(const std::string& text, const SourceEdit& edit);

/// `files` (name -> content) with `edits` applied in order, each to the
/// content left by the ones before. Throws EditError for an edit of a file
/// that is not in `files`, or as apply_edit.
std::map<std::string, std::string> apply_edits(std::map<std::string, std::string> files,
                                               const std::vector<SourceEdit>& edits);

/// The lines `edit` changes in `text`, as a unified-diff hunk body: the
/// touched lines prefixed "-", then their new form prefixed "+".
std::string edit_diff(const std::string& text, const SourceEdit& edit);

}  // namespace grader
