#pragma once
// The result store: each student's result in the output folder, written as
// soon as it is known, so that an interrupted batch resumes where it stopped.
//
//   <out>/students/<student>/record.json  everything below, read back on resume
//   <out>/students/<student>/grade.json   the grade (ipclab.grade/1), for people and tools
//   <out>/students/<student>/feedback.md  what the student is shown
//
// Each file is replaced atomically, record.json last: a result is there once
// its record is, and the record alone is read back, so a crash can never pair
// a new grade with an old record.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/class_grades.hpp"

namespace grader {

inline constexpr const char* kStudentRecordSchema = "ipclab.batch-student/1";

struct StoredResult {
  StudentGrade grade;
  /// What it was graded with (selection, course): a result graded otherwise
  /// is not reused.
  std::string grading;
  /// Changes found by regrading identical files, kept for the summary.
  std::vector<UnstableTest> unstable;
};

class ResultStore {
 public:
  explicit ResultStore(std::filesystem::path out_dir) : out_dir_(std::move(out_dir)) {}

  std::filesystem::path student_dir(const std::string& student) const {
    return out_dir_ / "students" / student;
  }

  /// The stored result of `student`; nullopt when there is none or its record
  /// cannot be read (it is then graded again).
  std::optional<StoredResult> load(const std::string& student) const;

  /// Stores `result` with `feedback` (Markdown); removes a grade.json left
  /// from an earlier grading when there is no report. Throws GraderError.
  void save(const StoredResult& result, const std::string& feedback) const;

  /// Every student folder's result, sorted by student; throws GraderError
  /// naming a folder whose record cannot be read.
  std::vector<StoredResult> load_all() const;

 private:
  std::filesystem::path out_dir_;
};

/// The record as JSON text, and back (throws GraderError naming `where`).
std::string record_json(const StoredResult& result);
StoredResult parse_record(const std::string& text, const std::string& where);

}  // namespace grader
