#pragma once
// One `grader batch` run, start to finish: read each submission, skip those
// whose stored result is still valid, stage and schedule the rest, store each
// result as soon as it is known, and write the class outputs at the end.

#include <atomic>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "batch/intake/intake.hpp"
#include "batch/outputs/gradebook.hpp"
#include "batch/schedule/batch_progress.hpp"
#include "batch/schedule/batch_scheduler.hpp"
#include "batch/store/result_store.hpp"
#include "model/course.hpp"
#include "model/selection.hpp"

namespace grader {

struct BatchSettings {
  std::filesystem::path out_dir;
  std::filesystem::path staging_dir;  ///< <staging>/<student>/<id>/<file>
  Selection selection;                ///< include_hidden is set by the caller
  std::string grading;                ///< grading_key(): what results depend on
  std::string sandbox;
  int jobs = 1;
  bool regrade = false;
  IntakeLimits limits;
  GradebookLayout gradebook = GradebookLayout::generic;
  StudentIdentities identities;  ///< from the roster, for the LMS layouts
};

struct BatchTally {
  std::size_t students = 0;
  std::size_t graded = 0;
  std::size_t skipped = 0;     ///< stored result still valid
  std::size_t errors = 0;      ///< error rows (submission or grader)
  std::size_t unresolved = 0;  ///< graded, but some test unresolved
  bool interrupted = false;
  std::vector<std::string> regrade_lines;  ///< by student, for --regrade
};

/// What a stored result depends on besides the student's files: the course
/// file's text, the selection and the kit's programs (programs_digest: a
/// harness or reference fixed since is a reason to grade again). A result
/// graded otherwise is not reused.
std::string grading_key(const std::string& course_text, const Selection& selection,
                        const std::string& kit_digest);

class BatchRun {
 public:
  BatchRun(const Course& course, BatchSettings settings, PhaseRunner& runner,
           BatchProgress& progress, std::ostream& log, const std::atomic<bool>& stop);

  /// Grades `sources` (once). Throws GraderError only when the output cannot
  /// be written.
  BatchTally run(const std::vector<SubmissionSource>& sources);

 private:
  void prepare(const std::vector<SubmissionSource>& sources);
  void prepare_one(const SubmissionSource& source);
  void record(StoredResult result, const std::string& feedback, const std::string& shown);
  void finish(FinishedStudent finished);

  const Course& course_;
  BatchSettings settings_;
  PhaseRunner& runner_;
  BatchProgress& progress_;
  std::ostream& log_;
  const std::atomic<bool>& stop_;
  ResultStore store_;
  std::vector<ScheduledStudent> todo_;
  std::map<std::string, std::string> digests_;
  std::map<std::string, StoredResult> before_;
  std::map<std::string, std::vector<std::string>> regrade_lines_;
  BatchTally tally_;
};

}  // namespace grader
