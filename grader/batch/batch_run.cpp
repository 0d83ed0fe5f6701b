#include "batch/batch_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "batch/intake/overlay.hpp"
#include "batch/outputs/class_outputs.hpp"
#include "batch/outputs/regrade_diff.hpp"
#include "i18n/messages.hpp"
#include "report/markdown_reporter.hpp"

namespace grader {

using ipclab::i18n::tr;
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words)
    text += (text.empty() ? "" : ",") + word;
  return text.empty() ? "*" : text;
}

std::string feedback_of(const GradeReport& report) {
  std::ostringstream out;
  write_markdown_report(report, out, {false});  // students never see hidden tests' inputs
  return out.str();
}

}  // namespace

std::string grading_key(const std::string& course_text, const Selection& selection,
                        const std::string& kit_digest) {
  return fmt::format("course={};exercises={};tests={};hidden={};kit={}", sha256_hex(course_text),
                     joined(selection.exercise_ids), joined(selection.test_patterns),
                     selection.include_hidden ? "yes" : "no", kit_digest);
}

BatchRun::BatchRun(const Course& course, BatchSettings settings, PhaseRunner& runner,
                   BatchProgress& progress, std::ostream& log, const std::atomic<bool>& stop)
    : course_(course),
      settings_(std::move(settings)),
      runner_(runner),
      progress_(progress),
      log_(log),
      stop_(stop),
      store_(settings_.out_dir) {}

void BatchRun::prepare(const std::vector<SubmissionSource>& sources) {
  tally_.students = sources.size();
  for (const SubmissionSource& source : sources)
    prepare_one(source);
  progress_.set_total(todo_.size());
}

void BatchRun::prepare_one(const SubmissionSource& source) {
  std::optional<StoredResult> old = store_.load(source.student);
  if (old && settings_.regrade) before_[source.student] = *old;
  StoredResult result;
  result.grade.student = source.student;
  result.grading = settings_.grading;
  StudentFiles files;
  try {
    files = read_student_files(source, course_, settings_.limits);
  } catch (const IntakeError& e) {
    result.grade.error = e.what();
    record(std::move(result), error_feedback(source.student, e.what()),
           "error: " + std::string(e.what()));
    return;
  }
  const std::string digest = files_digest(files);
  // Graded in another sandbox (a process-backend run kept for a bubblewrap
  // one, say): not the same grading.
  if (old && !settings_.regrade && old->grade.report && old->grade.files_digest == digest &&
      old->grading == settings_.grading && old->grade.report->sandbox == settings_.sandbox) {
    ++tally_.skipped;
    return;
  }
  stage_student_files(files, settings_.staging_dir / source.student);
  digests_[source.student] = digest;
  todo_.push_back({source.student, plan_phases(course_, settings_.selection)});
}

void BatchRun::record(StoredResult result, const std::string& feedback, const std::string& shown) {
  const std::string student = result.grade.student;
  if (auto old = before_.find(student); old != before_.end()) {
    RegradeDiff diff = diff_regrade(old->second.grade, result.grade);
    regrade_lines_[student] = diff.lines;
    result.unstable = diff.unstable;
  }
  if (result.grade.report) {
    ++tally_.graded;
    if (result.grade.report->unresolved()) ++tally_.unresolved;
  } else {
    ++tally_.errors;
  }
  store_.save(result, feedback);
  if (digests_.count(student) == 0) {
    log_ << student << ": " << shown << "\n";  // not scheduled: no progress line
  } else {
    progress_.finished(student, shown);
  }
}

void BatchRun::finish(FinishedStudent finished) {
  StoredResult result;
  result.grade.student = finished.student;
  result.grade.files_digest = digests_.at(finished.student);
  result.grading = settings_.grading;
  if (!finished.error.empty()) {
    result.grade.error = fmt::format(fmt::runtime(tr("the grader failed: {}")), finished.error);
    record(std::move(result), error_feedback(finished.student, finished.error),
           "error: " + finished.error);
    return;
  }
  GradeReport report = merge_phase_reports(course_, finished.parts);
  report.submission = finished.student;
  std::string shown = fmt::format("{:g}/{:g}", report.score, report.max_score);
  if (report.unresolved()) shown += " " + std::string(tr("(some test unresolved)"));
  std::string feedback = feedback_of(report);
  result.grade.report = std::move(report);
  record(std::move(result), feedback, shown);
}

BatchTally BatchRun::run(const std::vector<SubmissionSource>& sources) {
  prepare(sources);
  ScheduleEvents events;
  events.started = [this](const std::string& student, bool exclusive) {
    progress_.started(student, exclusive);
  };
  events.finished = [this](FinishedStudent finished) { finish(std::move(finished)); };
  events.tick = [this] { progress_.tick(); };
  run_schedule(todo_, settings_.jobs, runner_, stop_, events);
  progress_.clear();
  for (auto& [student, lines] : regrade_lines_) {
    tally_.regrade_lines.insert(tally_.regrade_lines.end(), lines.begin(), lines.end());
  }
  tally_.interrupted = stop_;
  if (tally_.interrupted) return tally_;
  std::vector<StoredResult> results;
  for (const SubmissionSource& source : sources) {
    if (std::optional<StoredResult> stored = store_.load(source.student)) {
      results.push_back(std::move(*stored));
    }
  }
  Course graded = graded_course(course_, settings_.selection.exercise_ids);
  write_class_outputs(graded, class_grades(graded, settings_.sandbox, results), settings_.out_dir,
                      settings_.gradebook, settings_.identities);
  return tally_;
}

}  // namespace grader
