#pragma once
// A test fixture submission written as edits, not copies: the grader's
// end-to-end tests grade small wrong versions of the model answers (a
// compile error, a crash, a hang, ...), and a copy of a model answer drifts
// from it unseen. tests/grader/e2e/submissions/<name>.yaml:
//
//   description: connection.cpp does not compile.
//   exercises:
//     - id: pipe_ping_pong
//       from: solutions          # edits of the model answer; `exercises`:
//                                # of the starter files
//       files: [connection.cpp]  # the student files it holds (the others
//                                # are missing from the submission)
//       edits:                   # as in a mistake.yaml (config/edit_reader.hpp)
//         - file: connection.cpp
//           find: "  return sent;\n"
//           replace: "  int half_written = ;\n  return sent;\n"

#include <filesystem>
#include <string>
#include <vector>

#include "config/edit_reader.hpp"
#include "model/course.hpp"
#include "model/source_edit.hpp"

namespace grader {

struct EditedExercise {
  std::string exercise_id;
  std::string from;                ///< "solutions" or "exercises": the folder edited
  std::vector<std::string> files;  ///< student files the submission holds, as written
  std::vector<SourceEdit> edits;   ///< of those files, in order; may be empty
};

struct EditedSubmission {
  std::string description;
  std::vector<EditedExercise> exercises;
};

/// Reads `path`, naming it `display_name` in messages. Throws ConfigError
/// (file:line:col) for an unknown exercise or key, a `from` other than
/// solutions or exercises, a file that is not a student file, an edit of a
/// file not in `files`, or an edit that does not apply exactly once.
EditedSubmission load_edited_submission(const std::filesystem::path& path,
                                        const std::string& display_name, const Course& course);

/// Writes `submission` as a submission folder, `dir`/<exercise>/<file> for
/// each file it holds, after emptying `dir`. Throws ConfigError when a base
/// file cannot be read, EditError when an edit no longer applies.
void write_edited_submission(const EditedSubmission& submission, const Course& course,
                             const std::filesystem::path& dir);

}  // namespace grader
