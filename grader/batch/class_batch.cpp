#include "batch/class_batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "batch/intake/roster.hpp"
#include "batch/schedule/phase_timeline.hpp"
#include "batch/schedule/stop_signal.hpp"
#include "batch/store/files_digest.hpp"
#include "config/config_error.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"
#include "model/exit_code.hpp"
#include "report/output_file.hpp"

namespace grader {

using ipclab::i18n::tr;
using ipclab::i18n::trn;
namespace fs = std::filesystem;

namespace {

std::string course_text(const Course& course) {
  return ipclab::host::read_file(course.root / "assignments.yaml").value_or("");
}

/// What the cache did since `before` (batches sharing a work dir count together).
void report_cache(ipclab::exec::ProcessRunner& runner, const CompilerCache& cache,
                  const std::optional<CacheStats>& before, std::ostream& log) {
  const std::string line = cache_use_line(cache, before, read_cache_stats(runner, cache));
  if (!line.empty()) log << "grader: batch: " << line << "\n";
}

/// The tally's first line: how many were graded, kept, failed, unresolved.
void report_counts(const BatchTally& tally, std::ostream& log) {
  log << "grader: batch: "
      << fmt::format(fmt::runtime(trn("{} submission: {} graded, {} unchanged (kept), {} "
                                      "could not be graded",
                                      "{} submissions: {} graded, {} unchanged (kept), {} "
                                      "could not be graded",
                                      tally.students)),
                     tally.students, tally.graded, tally.skipped, tally.errors);
  if (tally.unresolved > 0)
    log << ", " << fmt::format(fmt::runtime(tr("{} with unresolved tests")), tally.unresolved);
  log << "\n";
}

/// The marker of a complete shard: how it was graded and its students.
void mark_shard(const ClassBatch& batch, const BatchSettings& settings,
                const std::vector<SubmissionSource>& sources) {
  std::optional<Shard> shard = requested_shard(batch.request);
  if (!shard) return;
  ShardMarker marker{*shard, settings.grading, settings.sandbox, batch.request.exercises, {}};
  for (const SubmissionSource& source : sources)
    marker.students.push_back(source.student);
  write_shard_marker(settings.out_dir, marker);
}

/// Runs the batch of `settings` on `sources`, each student by a child grader.
BatchTally run_children(const ClassBatch& batch, const BatchSettings& settings,
                        const std::vector<SubmissionSource>& sources, const std::atomic<bool>& stop,
                        std::ostream& log) {
  CheckInvocation invocation = batch.invocation;
  if (batch.cache) invocation.compiler_cache = batch.cache->dir;
  CheckProcessRunner children(
      batch.course, invocation,
      [dir = settings.staging_dir](const std::string& student) { return dir / student; }, stop);
  BatchProgress progress(log, batch.terminal, sources.size(),
                         [] { return std::chrono::steady_clock::now(); });
  TimedPhaseRunner timed(children);  // a clock reading per phase: kept for --timeline
  BatchRun run(batch.course, settings, timed, progress, log, stop);
  BatchTally tally = run.run(sources);
  if (!batch.request.timeline.empty()) {
    write_output_file(batch.request.timeline, [&](std::ostream& out) {
      write_phase_timeline(timed.spans(), settings.jobs, out);
    });
  }
  return tally;
}

}  // namespace

void forget_shard_marker(const std::string& out) {
  std::error_code ignored;
  fs::remove(fs::absolute(out) / "shard.json", ignored);
}

std::optional<Shard> requested_shard(const BatchRequest& request) {
  if (request.shard.empty()) return std::nullopt;
  return parse_shard(request.shard);
}

std::vector<SubmissionSource> requested_sources(const BatchRequest& request) {
  if (request.roster.empty() == request.submissions.empty()) {
    throw ConfigError({"grader batch", 0, 0},
                      "give either a folder of submissions or --roster FILE (one of the two)");
  }
  std::vector<SubmissionSource> sources = request.roster.empty()
                                              ? discover_submissions(request.submissions)
                                              : roster_submissions(request.roster);
  if (std::optional<Shard> shard = requested_shard(request)) return in_shard(sources, *shard);
  return sources;
}

std::string kit_digest(const Kit& kit, const Course& course, const std::vector<std::string>& ids) {
  std::vector<fs::path> programs;
  for (const ExerciseSpec& exercise : course.exercises) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), exercise.id) == ids.end()) continue;
    programs.push_back(kit.harness(exercise.id));
    programs.push_back(kit.reference(exercise.id));
  }
  programs.push_back(kit.prebuilt() / "provided.cmake");
  return programs_digest(programs);
}

BatchSettings batch_settings(const BatchRequest& request, const Course& course,
                             const fs::path& work_dir, const std::string& kit,
                             const std::string& sandbox) {
  BatchSettings settings;
  settings.out_dir = fs::absolute(request.out);
  settings.staging_dir = work_dir / "batch" / "submissions";
  settings.selection = {request.exercises, request.tests, true};
  settings.grading = grading_key(course_text(course), settings.selection, kit);
  settings.sandbox = sandbox;
  settings.jobs = request.jobs;
  settings.regrade = request.regrade;
  settings.gradebook = *gradebook_layout(request.gradebook);
  if (!request.roster.empty()) settings.identities = roster_identities(read_roster(request.roster));
  return settings;
}

void report_tally(const BatchTally& tally, const fs::path& out_dir, std::ostream& out,
                  std::ostream& log) {
  for (const std::string& line : tally.regrade_lines)
    out << line << "\n";
  report_counts(tally, log);
  if (tally.interrupted) {
    log << "grader: batch interrupted: "
        << fmt::format(fmt::runtime(tr("finished results are kept in {}; run the same "
                                       "command again to resume")),
                       (out_dir / "students").string())
        << "\n";
  } else {
    log << "grader: batch: "
        << fmt::format(fmt::runtime(tr("results in {} (gradebook.csv, summary.md, "
                                       "report.html)")),
                       out_dir.string())
        << "\n";
  }
}

int batch_exit_code(const BatchTally& tally, int signal) {
  if (tally.interrupted) return 128 + signal;
  if (tally.unresolved > 0) return kUnresolved;
  return tally.errors > 0 ? kNotAllPassed : kAllPassed;
}

int grade_class(const ClassBatch& batch, const std::vector<SubmissionSource>& sources,
                ipclab::exec::ProcessRunner& runner, const std::atomic<bool>& stop,
                std::ostream& out, std::ostream& log) {
  std::optional<CacheStats> cache_before;
  if (batch.cache) cache_before = read_cache_stats(runner, *batch.cache);
  const BatchSettings settings = batch_settings(
      batch.request, batch.course, batch.work_dir,
      kit_digest(locate_kit(batch.invocation.grader), batch.course, batch.request.exercises),
      batch.sandbox);
  BatchTally tally = run_children(batch, settings, sources, stop, log);
  report_tally(tally, settings.out_dir, out, log);
  if (batch.cache) report_cache(runner, *batch.cache, cache_before, log);
  if (!tally.interrupted) mark_shard(batch, settings, sources);
  return batch_exit_code(tally, tally.interrupted ? stop_signal() : 0);
}

}  // namespace grader
