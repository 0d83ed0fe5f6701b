#pragma once
// The mistakes corpus: tests/mistakes/<exercise>/<name>/mistake.yaml holds a
// realistic wrong version of some student files of <exercise>, written as
// exact edits of the model answer in solutions/<exercise>/ (see
// config/edit_reader.hpp), and says which tests must catch it. Edits, not
// copies: a copy drifts silently when the model answer changes, an edit stops
// applying and says so. `grader selftest --write-mistakes DIR` writes the
// edited files out for reading.
//
//   description: The length header is written in host byte order.
//   fails: [wire_format, recv_split_frames]
//   feedback: big-endian    # the cause its feedback must name: the first
//                           # test's message or hint must contain it (or
//                           # each of a list: [big-endian, htonl]), or by
//                           # language: {en: big-endian, es: big-endian}
//   edits:
//     - file: ping_pong.cpp
//       find: "htonl(size)"
//       replace: "size"

#include <filesystem>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "model/source_edit.hpp"

namespace grader {

struct MistakeSpec {
  std::string exercise_id;
  std::string name;           ///< the folder's name
  std::filesystem::path dir;  ///< the folder, as given to load_mistake
  std::string description;
  std::vector<std::string> fails;  ///< test ids of the exercise, in the order written
  /// Phrases the feedback (message or hint) of the first test in `fails`
  /// must each contain, in the language the course is read in (else
  /// English: a plain `feedback:` is English); `grader selftest` fails a
  /// mistake that has none.
  std::vector<std::string> feedback;
  /// A problem for `grader validate` per language of the course that
  /// `feedback:` lacks, once the exercise's tests are translated (po/ipclab.pot
  /// holds a message of tests/exercises/<id>/): "FILE:LINE:COL: 'feedback'
  /// has no 'es' phrase ...".
  std::vector<std::string> untranslated;
  /// The student files its edits change, names only, sorted, each once.
  std::vector<std::string> files;
  /// Its changes to solutions/<exercise>/, in order; checked to apply when
  /// loaded. Never empty.
  std::vector<SourceEdit> edits;
  SourceLocation where;  ///< the mistake.yaml
};

/// Reads `<mistake_dir>/mistake.yaml`, where mistake_dir is
/// <course>/tests/mistakes/<exercise>/<name>. Throws ConfigError when the
/// exercise is not in `course`, mistake.yaml is missing or invalid, a listed
/// test does not exist, 'edits' is missing or empty, an edit does not apply
/// exactly once to the model answer, or the folder holds anything but
/// mistake.yaml (a copy of a student file is refused with a message that says
/// to write edits). Messages name files relative to the course.
MistakeSpec load_mistake(const std::filesystem::path& mistake_dir, const Course& course);

/// Every mistake of the course, in the order of <exercise>/<name> folders
/// (sorted by name); empty when there is no tests/mistakes. Files next to the
/// folders (a README) are ignored. Throws like load_mistake.
std::vector<MistakeSpec> load_mistakes(const Course& course);

}  // namespace grader
