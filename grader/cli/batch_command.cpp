// grader batch: grade a class's submissions into a gradebook, per-student
// feedback, a summary and an HTML report; resumable, in parallel.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "batch/batch_run.hpp"
#include "batch/intake/roster.hpp"
#include "batch/schedule/check_process_runner.hpp"
#include "batch/schedule/stop_signal.hpp"
#include "batch/store/files_digest.hpp"
#include "batch/store/shard.hpp"
#include "cli/context.hpp"
#include "config/config_error.hpp"
#include "host/environment.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"

namespace grader::cli {

using ipclab::i18n::trn;

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;

struct BatchOptions {
  std::string submissions;
  std::string roster;
  std::string out;
  std::vector<std::string> exercises;
  std::vector<std::string> tests;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool regrade = false;
  std::string shard;
  bool no_compiler_cache = false;
  std::string gradebook = "generic";
};

void register_batch(CLI::App& app, BatchOptions& options) {
  app.add_option("submissions", options.submissions,
                 tr("Folder of submissions: one folder, .zip, .tar.gz or .tgz per student"));
  app.add_option("--roster", options.roster, tr("CSV of student,path lines instead of a folder"));
  app.add_option("--out,-o", options.out, tr("Where the gradebook, feedback and report go"))
      ->required();
  app.add_option("--exercise,-e", options.exercises, tr("Only these exercises (repeatable)"));
  app.add_option("--test,-t", options.tests,
                 tr("Only tests whose id matches this glob (repeatable)"));
  app.add_option("--jobs,-j", options.jobs, tr("Submissions graded at once (default: the cores)"))
      ->check(CLI::Range(1, 256));
  app.add_flag("--regrade", options.regrade,
               tr("Grade every submission again, and print old -> new per student and test"));
  app.add_option("--shard", options.shard,
                 tr("Grade only slice i of N (i/N, by a stable hash of the student name); "
                    "combine the slices with `grader merge`"));
  app.add_flag("--no-compiler-cache", options.no_compiler_cache,
               tr("Compile every submission's files, even those compiled before (no ccache)"));
  add_gradebook_option(app, options.gradebook);
}

/// The compiler cache the submissions share (<work dir>/ccache), or nullopt
/// with the reason on stderr.
std::optional<CompilerCache> batch_compiler_cache(const LiveSession& live, const Context& context,
                                                  const BatchOptions& options) {
  std::string refusal;
  std::optional<CompilerCache> cache =
      shared_compiler_cache(live, context.work_dir / "ccache", options.no_compiler_cache, refusal);
  if (!cache) {
    std::cerr << "grader: batch: "
              << fmt::format(fmt::runtime(tr("compiling without a compiler cache: {}")), refusal)
              << "\n";
  }
  return cache;
}

/// What the cache did since `before` (batches sharing a work dir count together).
void report_cache(ipclab::exec::ProcessRunner& runner, const CompilerCache& cache,
                  const std::optional<CacheStats>& before) {
  std::optional<CacheStats> after = read_cache_stats(runner, cache);
  if (!before || !after) return;
  const long long reused = after->reused - before->reused;
  const long long compiled = after->compiled - before->compiled;
  std::cerr << "grader: batch: "
            << fmt::format(fmt::runtime(tr("compiler cache: {} of {} compiles reused ({})")),
                           reused, reused + compiled, cache.dir.string())
            << "\n";
}

std::vector<SubmissionSource> sources_of(const BatchOptions& options) {
  if (options.roster.empty() == options.submissions.empty()) {
    throw ConfigError({"grader batch", 0, 0},
                      "give either a folder of submissions or --roster FILE (one of the two)");
  }
  if (!options.roster.empty()) return roster_submissions(options.roster);
  return discover_submissions(options.submissions);
}

std::string course_text(const Course& course) {
  return ipclab::host::read_file(course.root / "assignments.yaml").value_or("");
}

/// The digest of the kit's programs the selection runs, for grading_key().
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

void report_tally(const BatchTally& tally, const fs::path& out) {
  for (const std::string& line : tally.regrade_lines)
    std::cout << line << "\n";
  std::cerr << "grader: batch: "
            << fmt::format(fmt::runtime(trn("{} submission: {} graded, {} unchanged (kept), {} "
                                            "could not be graded",
                                            "{} submissions: {} graded, {} unchanged (kept), {} "
                                            "could not be graded",
                                            tally.students)),
                           tally.students, tally.graded, tally.skipped, tally.errors);
  if (tally.unresolved > 0)
    std::cerr << ", "
              << fmt::format(fmt::runtime(tr("{} with unresolved tests")), tally.unresolved);
  std::cerr << "\n";
  if (tally.interrupted) {
    std::cerr << "grader: batch interrupted: "
              << fmt::format(fmt::runtime(tr("finished results are kept in {}; run the same "
                                             "command again to resume")),
                             (out / "students").string())
              << "\n";
  } else {
    std::cerr << "grader: batch: "
              << fmt::format(fmt::runtime(tr("results in {} (gradebook.csv, summary.md, "
                                             "report.html)")),
                             out.string())
              << "\n";
  }
}

int run_batch(const CommonOptions& common, const BatchOptions& options) {
  // A shard's marker says "finished": a run that stops early (bad option,
  // sandbox refused, interrupted) must not leave an older one for merge.
  std::error_code ignored;
  fs::remove(fs::absolute(options.out) / "shard.json", ignored);
  Context context = load_context(common, LanguageDefault::course);
  if (std::string error = unknown_exercise(context.course, options.exercises); !error.empty()) {
    std::cerr << "grader: error: " << error << "\n";
    return kUsageError;
  }
  auto live = start_session(context, common);
  require_isolation(*live, common, "batch");
  std::vector<SubmissionSource> sources = sources_of(options);
  std::optional<Shard> shard;
  if (!options.shard.empty()) {
    shard = parse_shard(options.shard);
    sources = in_shard(sources, *shard);
  }
  const std::atomic<bool>& stop = install_stop_handlers();
  std::optional<CompilerCache> cache = batch_compiler_cache(*live, context, options);
  std::optional<CacheStats> cache_before;
  if (cache) cache_before = read_cache_stats(live->runner, *cache);

  BatchSettings settings;
  settings.out_dir = fs::absolute(options.out);
  settings.staging_dir = context.work_dir / "batch" / "submissions";
  settings.selection = {options.exercises, options.tests, true};
  settings.grading =
      grading_key(course_text(context.course), settings.selection,
                  kit_digest(locate_kit(common.grader_binary), context.course, options.exercises));
  settings.sandbox = live->session->sandbox();
  settings.jobs = options.jobs;
  settings.regrade = options.regrade;
  settings.gradebook = *gradebook_layout(options.gradebook);
  if (!options.roster.empty()) settings.identities = roster_identities(read_roster(options.roster));
  CheckInvocation invocation;
  invocation.grader = common.grader_binary;
  invocation.course_dir = context.course.root;
  invocation.work_dir = context.work_dir;
  invocation.allow_advisory = common.allow_advisory;
  invocation.sandbox = common.sandbox;
  invocation.lang = context.course.text_language;
  invocation.environment = ipclab::host::current_environment();
  if (cache) invocation.compiler_cache = cache->dir;
  CheckProcessRunner runner(
      context.course, invocation,
      [dir = settings.staging_dir](const std::string& student) { return dir / student; }, stop);
  BatchProgress progress(std::cerr, ::isatty(STDERR_FILENO) != 0, sources.size(),
                         [] { return std::chrono::steady_clock::now(); });
  BatchRun batch(context.course, settings, runner, progress, std::cerr, stop);
  BatchTally tally = batch.run(sources);
  report_tally(tally, settings.out_dir);
  if (cache) report_cache(live->runner, *cache, cache_before);
  if (shard && !tally.interrupted) {
    ShardMarker marker{*shard, settings.grading, settings.sandbox, options.exercises, {}};
    for (const SubmissionSource& source : sources)
      marker.students.push_back(source.student);
    write_shard_marker(settings.out_dir, marker);
  }
  if (tally.interrupted) return 128 + stop_signal();
  if (tally.unresolved > 0) return kUnresolved;
  return tally.errors > 0 ? kNotAllPassed : kAllPassed;
}

}  // namespace

Subcommand add_batch(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "batch", tr("Grade a class's submissions: gradebook, feedback, summary and report"));
  auto options = std::make_shared<BatchOptions>();
  register_batch(*app, *options);
  return {app, [&common, options] { return run_batch(common, *options); }};
}

}  // namespace grader::cli
