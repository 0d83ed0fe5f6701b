// grader batch: grade a class's submissions into a gradebook, per-student
// feedback, a summary and an HTML report; resumable, in parallel.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "batch/class_batch.hpp"
#include "batch/schedule/stop_signal.hpp"
#include "cli/context.hpp"
#include "i18n/messages.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;

void register_batch(CLI::App& app, BatchRequest& options) {
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
  app.add_option("--timeline", options.timeline,
                 tr("Also write when each student's phases ran as JSON "
                    "(ipclab.batch-timeline/1) to FILE (benchmarks)"));
}

/// The compiler cache the submissions share (<work dir>/ccache), or nullopt
/// with the reason on stderr.
std::optional<CompilerCache> batch_compiler_cache(const LiveSession& live, const Context& context,
                                                  const BatchRequest& options) {
  return compiler_cache_or_say_why(live, context.work_dir / "ccache", options.no_compiler_cache,
                                   "batch");
}

int run_batch(const CommonOptions& common, const BatchRequest& options) {
  forget_shard_marker(options.out);
  Context context = load_context(common, LanguageDefault::course);
  require_known_exercises(context.course, options.exercises);
  auto live = start_session(context, common);
  require_isolation(*live, common, "batch");
  const std::vector<SubmissionSource> sources = requested_sources(options);
  const std::atomic<bool>& stop = install_stop_handlers();
  ClassBatch batch{context.course, options, context.work_dir, live->session->sandbox(),
                   child_invocation(common, context)};
  batch.invocation.lang = context.course.text_language;
  batch.cache = batch_compiler_cache(*live, context, options);
  batch.terminal = ::isatty(STDERR_FILENO) != 0;
  return grade_class(batch, sources, live->runner, stop, std::cout, std::cerr);
}

}  // namespace

Subcommand add_batch(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "batch", tr("Grade a class's submissions: gradebook, feedback, summary and report"));
  auto options = std::make_shared<BatchRequest>();
  register_batch(*app, *options);
  return {app, [&common, options] { return run_batch(common, *options); }};
}

}  // namespace grader::cli
