#pragma once
// Grading the mistakes of tests/mistakes/ several at a time. One mistake is a
// small incremental build and a few tests, mostly spent waiting on processes,
// so `grader selftest` overlaps them: each mistake's tests are cut into the
// batch's phases (batch/schedule/test_schedule.hpp) and scheduled like a class of
// students (batch/schedule/batch_scheduler.hpp), `jobs` phases at a time, an exclusive
// phase (timing, races) with nothing else running. A phase is graded in one
// of `jobs` slots, each a workspace of its own reused from mistake to mistake,
// so a build recompiles only the files that differ from the slot's last
// mistake. Reports come back in the mistakes' order whatever order they ended
// in: the selftest's report is the same with any number of jobs.

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "batch/schedule/test_schedule.hpp"
#include "config/edit_reader.hpp"
#include "config/mistake_loader.hpp"
#include "model/course.hpp"
#include "model/grade_report.hpp"

namespace grader {

/// The folders mistakes are graded in: `count` (>= 1; less is taken as 1)
/// slots under `dir`, slot-<k>/. A slot is a workspace; the submission it
/// grades is slot-<k>/submission/<exercise>/<student files>.
class MistakeSlots {
 public:
  MistakeSlots(std::filesystem::path dir, int count);

  /// Waits for a free slot, writes `files` (every student file of
  /// `exercise_id`) into its submission -- only the files whose text differs
  /// from what the slot holds, so the others keep their time stamps -- and
  /// returns the slot's folder. Throws GraderError when a file cannot be
  /// written (the slot is freed again).
  std::filesystem::path acquire(const std::string& exercise_id, const SourceFiles& files);
  /// Frees `slot`, as acquire returned it.
  void release(const std::filesystem::path& slot);

  /// The submission folder of `slot`.
  static std::filesystem::path submission_of(const std::filesystem::path& slot);

 private:
  std::filesystem::path dir_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<bool> busy_;
};

/// Grades `phase` of `mistake`, whose files are in the slot `slot` (a
/// workspace; its submission is MistakeSlots::submission_of(slot)). Called
/// from worker threads, several at once. Throws GraderError when the grader
/// cannot grade.
using GradeMistakePhase = std::function<GradeReport(
    const MistakeSpec& mistake, const GradingPhase& phase, const std::filesystem::path& slot)>;

/// Told when a phase of `mistake` starts (`exclusive`: it runs alone); never
/// called concurrently.
using MistakeStarted = std::function<void(const MistakeSpec& mistake, bool exclusive)>;

/// Grades every mistake of `mistakes` with the tests it `fails`, hidden ones
/// included, through `grade`, up to `jobs` phases at a time in `slots` (see
/// above). Returns one report per mistake, in the order of `mistakes`, each
/// merged from its phases. Throws what mistake_sources throws before grading
/// anything; once a phase throws, nothing more starts and, when the phases
/// already started have ended, GraderError with the first phase's message.
std::vector<GradeReport> grade_mistakes(const Course& course,
                                        const std::vector<MistakeSpec>& mistakes, int jobs,
                                        MistakeSlots& slots, const GradeMistakePhase& grade,
                                        const MistakeStarted& started = {});

}  // namespace grader
