// grader selftest: the model answers get full marks, the starter files only
// the build points, and every mistake in tests/mistakes/ is caught. With
// --write-mistakes DIR it grades nothing and writes the mistakes out as files;
// with --repeat N it grades the model answers N times and fails each test
// whose outcome is not the same every time (a score must not be luck);
// --mutants: how many machine-made mutants of the model answers the hidden
// tests kill (docs/selftest.md).
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "batch/schedule/check_process_runner.hpp"
#include "batch/schedule/stop_signal.hpp"
#include "ci/git.hpp"
#include "cli/context.hpp"
#include "config/mistake_loader.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"
#include "selftest/mistake_writer.hpp"
#include "selftest/mutant_generator.hpp"
#include "selftest/mutant_selftest.hpp"
#include "selftest/selftest.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;

struct SelftestOptions {
  std::vector<std::string> exercises;
  std::string write_mistakes;  ///< a folder; empty: grade as usual
  int repeat = 0;              ///< > 1: grade the model answers this many times
  bool mutants = false;
  std::string json_file;
  std::size_t sample = 0;
  std::uint32_t seed = 1;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool list = false;
  std::string survivors_of;
  std::string compiler_cache;  ///< a folder; empty: <work dir>/ccache
  bool no_compiler_cache = false;
};

/// The options of the mutant selftest (and --jobs, which it shares).
void register_mutant_options(CLI::App& app, SelftestOptions& options) {
  app.add_flag("--mutants", options.mutants,
               tr("Grade mutants of the model answers with the hidden tests and count the killed"));
  app.add_option("--json", options.json_file, tr("With --mutants: also write the figures to FILE"));
  app.add_option("--sample", options.sample,
                 tr("With --mutants: grade only N mutants per exercise, chosen by --seed"))
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", options.seed, tr("With --sample: which mutants (default: 1)"));
  app.add_option("--jobs,-j", options.jobs,
                 tr("Tests (model answers, starter files), mistakes or mutants graded at once "
                    "(default: the cores); exclusive tests still run alone"))
      ->check(CLI::PositiveNumber);
  app.add_option(
      "--survivors-of", options.survivors_of,
      tr("With --mutants: grade only the survivors listed in an earlier run's --json FILE"));
  app.add_flag("--list", options.list,
               tr("With --mutants: print the mutants (and their diffs) without grading them"));
}

/// Where the builds of the model answers, starter files, mistakes and mutants cache their compiles.
void register_cache_options(CLI::App& app, SelftestOptions& options) {
  CLI::Option* dir =
      app.add_option(
             "--compiler-cache", options.compiler_cache,
             tr("Compile through ccache with its cache in DIR (default: <work dir>/ccache), "
                "e.g. one shared by the selftests of several work folders"))
          ->type_name("DIR");
  app.add_flag("--no-compiler-cache", options.no_compiler_cache,
               tr("Compile every file, even one compiled before (no ccache)"))
      ->excludes(dir);
}

void register_selftest(CLI::App& app, SelftestOptions& options) {
  app.add_option("exercises", options.exercises, tr("Exercises to check (default: all)"));
  CLI::Option* write =
      app.add_option(
             "--write-mistakes", options.write_mistakes,
             tr("Grade nothing; write each mistake's edited files to DIR/<exercise>/<name>/"))
          ->type_name("DIR");
  app.add_option("--repeat", options.repeat,
                 tr("Grade the model answers N times; fail each test whose outcome differs"))
      ->check(CLI::Range(2, 100))
      ->type_name("N")
      ->excludes(write);

  register_mutant_options(app, options);
  register_cache_options(app, options);
}

/// --write-mistakes: the mistakes as files, for reading or for other tools.
int write_mistake_files(const CommonOptions& common, const SelftestOptions& options) {
  Context context = load_context(common);
  require_known_exercises(context.course, options.exercises);
  std::size_t count = write_mistakes(context.course, load_mistakes(context.course),
                                     options.exercises, options.write_mistakes);
  std::cout << "wrote " << count << " mistakes to " << options.write_mistakes
            << " (each folder holds the files it changes in solutions/)\n";
  return kAllPassed;
}

/// The compiler cache the selftest's builds share: --compiler-cache DIR, else <work dir>/ccache;
/// nullopt, with why on stderr (once), where it cannot be shared safely or is turned off. A
/// --compiler-cache folder that cannot be made is a usage error.
std::optional<CompilerCache> selftest_cache(const LiveSession& live, const Context& context,
                                            const SelftestOptions& options) {
  const bool named = !options.compiler_cache.empty();
  const fs::path dir = named ? fs::path(options.compiler_cache) : context.work_dir / "ccache";
  try {
    return compiler_cache_or_say_why(live, dir, options.no_compiler_cache, "selftest");
  } catch (const GraderError& e) {
    if (!named) throw;
    throw UsageError(fmt::format(fmt::runtime(tr("--compiler-cache: {}")), e.what()));
  }
}

/// The three groups (or --repeat's runs) graded through `live`'s session.
SelftestReport grade_course(LiveSession& live, const Context& context,
                            const std::vector<MistakeSpec>& mistakes,
                            const SelftestOptions& options) {
  ProgressSink progress = terminal_progress();
  SelftestReport report =
      options.repeat > 1
          ? run_repeated_selftest(*live.session, context.course, options.exercises,
                                  context.work_dir, options.repeat, progress)
          : grader::run_selftest(*live.session, context.course, mistakes, options.exercises,
                                 context.work_dir, progress, options.jobs);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  return report;
}

int run_course_selftest(const CommonOptions& common, const SelftestOptions& options) {
  if (!options.write_mistakes.empty()) return write_mistake_files(common, options);
  Context context = load_context(common, LanguageDefault::english);
  std::vector<MistakeSpec> mistakes = load_mistakes(context.course);
  auto live = start_session(context, common);
  const std::optional<CompilerCache> cache = selftest_cache(*live, context, options);
  std::optional<CacheStats> before;
  if (cache) {
    before = read_cache_stats(live->runner, *cache);
    live->session->use_compiler_cache(*cache);
  }
  const SelftestReport report = grade_course(*live, context, mistakes, options);
  write_selftest_report(report, std::cout);
  // On stderr, so the report is the same with or without the cache.
  if (cache) {
    const std::string line = cache_use_line(*cache, before, read_cache_stats(live->runner, *cache));
    if (!line.empty()) std::cerr << "grader: selftest: " << line << "\n";
  }
  return report.ok() ? kAllPassed : kNotAllPassed;
}

std::string first_line_of_file(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

/// Where and when this run happens, for the committed record.
MutationRecord record_of(const Context& context, LiveSession& live,
                         const SelftestOptions& options) {
  MutationRecord record;
  try {
    record.commit = Git(live.runner, find_tool("git", "to name the commit"), context.course.root)
                        .resolve_commit("HEAD");
  } catch (const std::exception&) {
    record.commit = "unknown (not a git checkout)";
  }
  utsname names{};
  ::uname(&names);
  record.machine = fmt::format("{} {} {}, {} cores", names.nodename, names.sysname, names.machine,
                               std::thread::hardware_concurrency());
  record.load = first_line_of_file("/proc/loadavg");
  record.date =
      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                  std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  record.sample = options.sample;
  record.seed = options.seed;
  return record;
}

CheckInvocation check_invocation(const CommonOptions& common, const Context& context,
                                 const LiveSession& live, const SelftestOptions& options) {
  CheckInvocation invocation = child_invocation(common, context);
  invocation.work_dir = context.work_dir / "mutants";
  // Every mutant recompiles one file: through the cache, a mutant graded before costs nothing.
  if (auto cache = selftest_cache(live, context, options)) invocation.compiler_cache = cache->dir;
  return invocation;
}

std::vector<ExerciseMutation> grade_plans(const CommonOptions& common, const Context& context,
                                          LiveSession& live, const SelftestOptions& options,
                                          std::vector<MutationPlan> plans) {
  const std::atomic<bool>& stop = install_stop_handlers();
  MutantSlots slots(context.course, context.work_dir / "mutants" / "slots", options.jobs,
                    all_mutants(plans));
  CheckProcessRunner checks(
      context.course, check_invocation(common, context, live, options),
      [&slots](const std::string& student) { return slots.dir_of(student); }, stop);
  MutantPhaseRunner runner(slots, checks);
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  // On a terminal one line, rewritten; in a log a line each time it changes.
  MutantProgress progress = [tty, last = std::string()](const std::string& line) mutable {
    if (tty) std::cerr << "\r\033[K" << line << std::flush;
    if (!tty && line != last) std::cerr << "grader: selftest: " << line << "\n";
    last = line;
  };
  auto figures =
      run_mutation(context.course, std::move(plans), options.jobs, runner, stop, progress);
  if (tty) std::cerr << "\r\033[K" << std::flush;
  if (stop) throw GraderError("interrupted: the figures are incomplete and were not written");
  return figures;
}

int run_mutant_selftest(const CommonOptions& common, const SelftestOptions& options) {
  if (!mutant_parser_available()) throw UsageError(missing_mutant_parser());
  Context context = load_context(common);
  require_known_exercises(context.course, options.exercises);
  MutationChoice choice{options.exercises, options.sample, options.seed, {}};
  if (!options.survivors_of.empty()) choice.only = survivors_in_file(options.survivors_of);
  std::vector<MutationPlan> plans = plan_mutation(context.course, choice);
  if (options.list) {
    write_mutant_list(plans, std::cout);
    return kAllPassed;
  }
  auto live = start_session(context, common);
  const MutationRecord record = record_of(context, *live, options);
  auto figures = grade_plans(common, context, *live, options, std::move(plans));
  write_mutation_report(figures, options.sample > 0, std::cout);
  if (!options.json_file.empty())
    std::ofstream(options.json_file) << mutation_json(figures, record).dump(2) << "\n";
  bool ok = std::all_of(figures.begin(), figures.end(), [&](const ExerciseMutation& e) {
    return e.meets_goal(options.sample > 0);
  });
  return ok ? kAllPassed : kNotAllPassed;
}

int run_selftest(const CommonOptions& common, const SelftestOptions& options) {
  bool mutant_only = options.list || !options.json_file.empty() || options.sample > 0 ||
                     !options.survivors_of.empty();
  if (mutant_only && !options.mutants) {
    throw UsageError(
        "--json, --sample, --survivors-of and --list go with --mutants (grader selftest "
        "--mutants ...)");
  }
  return options.mutants ? run_mutant_selftest(common, options)
                         : run_course_selftest(common, options);
}

}  // namespace

Subcommand add_selftest(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "selftest",
      tr("Check the course: model answers pass, starter files fail, mistakes are caught"));
  auto options = std::make_shared<SelftestOptions>();
  register_selftest(*app, *options);
  return {app, [&common, options] { return run_selftest(common, *options); }};
}

}  // namespace grader::cli
