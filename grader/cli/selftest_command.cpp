// grader selftest: the model answers get full marks, the starter files only
// the build points, and every mistake in tests/mistakes/ is caught. With
// --write-mistakes DIR it grades nothing and writes the mistakes out as files;
// with --repeat N it grades the model answers N times and fails each test
// whose outcome is not the same every time (a score must not be luck).
#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "config/mistake_loader.hpp"
#include "selftest/mistake_writer.hpp"
#include "selftest/selftest.hpp"

namespace grader::cli {
namespace {

struct SelftestOptions {
  std::vector<std::string> exercises;
  std::string write_mistakes;  ///< a folder; empty: grade as usual
  int repeat = 0;              ///< > 1: grade the model answers this many times
};

void register_selftest(CLI::App& app, SelftestOptions& options) {
  app.add_option("exercises", options.exercises, "Exercises to check (default: all)");
  CLI::Option* write =
      app.add_option("--write-mistakes", options.write_mistakes,
                     "Grade nothing; write each mistake's edited files to DIR/<exercise>/<name>/")
          ->type_name("DIR");
  app.add_option("--repeat", options.repeat,
                 "Grade the model answers N times; fail each test whose outcome differs")
      ->check(CLI::Range(2, 100))
      ->type_name("N")
      ->excludes(write);
}

/// --write-mistakes: the mistakes as files, for reading or for other tools.
int write_mistake_files(const CommonOptions& common, const SelftestOptions& options) {
  Context context = load_context(common);
  if (std::string error = unknown_exercise(context.course, options.exercises); !error.empty()) {
    std::cerr << "grader: error: " << error << "\n";
    return kUsageError;
  }
  std::size_t count = write_mistakes(context.course, load_mistakes(context.course),
                                     options.exercises, options.write_mistakes);
  std::cout << "wrote " << count << " mistakes to " << options.write_mistakes
            << " (each folder holds the files it changes in solutions/)\n";
  return kAllPassed;
}

int run_selftest(const CommonOptions& common, const SelftestOptions& options) {
  if (!options.write_mistakes.empty()) return write_mistake_files(common, options);
  Context context = load_context(common, LanguageDefault::english);
  std::vector<MistakeSpec> mistakes = load_mistakes(context.course);
  auto live = start_session(context, common);
  ProgressSink progress = terminal_progress();
  SelftestReport report =
      options.repeat > 1 ? run_repeated_selftest(*live->session, context.course, options.exercises,
                                                 context.work_dir, options.repeat, progress)
                         : grader::run_selftest(*live->session, context.course, mistakes,
                                                options.exercises, context.work_dir, progress);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  write_selftest_report(report, std::cout);
  return report.ok() ? kAllPassed : kNotAllPassed;
}

}  // namespace

Subcommand add_selftest(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "selftest", "Check the course: model answers pass, starter files fail, mistakes are caught");
  auto options = std::make_shared<SelftestOptions>();
  register_selftest(*app, *options);
  return {app, [&common, options] { return run_selftest(common, *options); }};
}

}  // namespace grader::cli
