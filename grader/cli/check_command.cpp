// grader check: grade the working copy (or a submission folder) and explain
// every test that did not pass.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "ci/ci_policy.hpp"
#include "cli/context.hpp"
#include "config/printable.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"
#include "report/console_reporter.hpp"
#include "report/gradescope_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/junit_reporter.hpp"
#include "report/output_file.hpp"
#include "run/timeline_json.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

struct CheckOptions {
  std::vector<std::string> exercises;
  std::vector<std::string> tests;
  std::string json_file;
  std::string junit_file;
  std::string gradescope_file;
  std::string submission;
  bool hidden = false;
  std::string color = "auto";
  bool verbose = false;
  bool all = false;
  std::string compiler_cache;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string timeline_file;
};

void register_check(CLI::App& app, CheckOptions& options) {
  app.add_option("exercises", options.exercises, tr("Exercises to grade (default: all)"));
  app.add_option("--test,-t", options.tests,
                 tr("Only tests whose id matches this glob (repeatable)"));
  app.add_option("--json", options.json_file,
                 tr("Also write the report as JSON (ipclab.grade/1) to FILE"));
  app.add_option("--junit", options.junit_file,
                 tr("Also write JUnit XML to FILE (hidden tests without their messages)"));
  app.add_option("--gradescope", options.gradescope_file,
                 tr("Also write Gradescope's results.json to FILE (what the autograder of "
                    "`grader gradescope-package` runs)"));
  app.add_option("--submission,-s", options.submission,
                 tr("Grade this folder (laid out like exercises/, or a clone of the course) "
                    "instead of the working copy"));
  app.add_flag("--hidden", options.hidden, tr("Also run the hidden tests (instructors)"));
}

/// How the report is shown, and how the grading runs.
void register_check_display(CLI::App& app, CheckOptions& options) {
  app.add_option("--color", options.color, tr("Colour: auto, always or never"))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--verbose,-v", options.verbose,
               tr("Show everything, with the notes of passing tests too (implies --all)"));
  app.add_flag("--all,-a", options.all,
               tr("Explain every failure of every exercise (default: the exercises one line each "
                  "and the first failure of the first one not done)"));
  app.add_option("--compiler-cache", options.compiler_cache,
                 tr("Compile through ccache with its cache in DIR, shared with other workspaces "
                    "(what `grader batch` passes)"));
  app.add_option("--jobs,-j", options.jobs,
                 tr("Tests run at once (default: the cores); exclusive tests always run alone"))
      ->check(CLI::Range(1, 1024));
  app.add_option("--timeline", options.timeline_file,
                 tr("Also write when each test started and ended as JSON (ipclab.timeline/1) to "
                    "FILE (benchmarks)"));
}

/// Builds through the cache --compiler-cache names; a usage error where it
/// cannot be shared safely (the same rule as batch's).
void use_compiler_cache(LiveSession& live, const CheckOptions& options) {
  if (options.compiler_cache.empty()) return;
  std::string refusal;
  std::optional<CompilerCache> cache =
      shared_compiler_cache(live, options.compiler_cache, false, refusal);
  if (!cache)
    throw GraderError(
        fmt::format(fmt::runtime(tr("--compiler-cache cannot be used: {}")), refusal));
  live.session->use_compiler_cache(*cache);
}

/// Why --submission cannot be graded ("" when it can): a usage error, told
/// before any work is done.
std::string submission_problem(const std::string& submission) {
  std::error_code ec;
  if (submission.empty() || std::filesystem::is_directory(submission, ec)) return "";
  return "--submission " + quote(submission) +
         (std::filesystem::exists(submission, ec) ? " is not a folder" : " does not exist") +
         ": give the folder of a submission (laid out like exercises/, or a clone of the course)";
}

/// The report files the options ask for. Throws GraderError when one cannot
/// be written.
void write_files(const GradeReport& report, const Course& course, const CheckOptions& options,
                 const std::vector<RunSpan>& timeline) {
  if (!options.json_file.empty()) {
    write_output_file(options.json_file,
                      [&](std::ostream& out) { write_json_report(report, out); });
  }
  if (!options.junit_file.empty()) {
    write_output_file(options.junit_file, [&](std::ostream& out) {
      write_junit_report(without_hidden_details(report), out);
    });
  }
  if (!options.gradescope_file.empty()) {
    write_output_file(options.gradescope_file, [&](std::ostream& out) {
      write_gradescope_results(report, out, course.gradescope_hidden_tests);
    });
  }
  if (!options.timeline_file.empty()) {
    write_output_file(options.timeline_file,
                      [&](std::ostream& out) { write_timeline(timeline, options.jobs, out); });
  }
}

int run_check(const CommonOptions& common, const CheckOptions& options) {
  if (std::string error = submission_problem(options.submission); !error.empty())
    throw UsageError(error);
  Context context = load_context(common);
  require_known_exercises(context.course, options.exercises);
  auto live = start_session(context, common);
  use_compiler_cache(*live, options);
  Submission submission = options.submission.empty() ? working_copy(context.course)
                                                     : submission_folder(options.submission);
  ProgressSink progress = terminal_progress();
  std::vector<RunSpan> timeline;
  GradeReport report = live->session->grade(
      {submission, {options.exercises, options.tests, options.hidden}, std::nullopt, options.jobs},
      progress, &timeline);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  bool color = options.color == "always" || (options.color == "auto" && ::isatty(STDOUT_FILENO));
  const bool compact = !options.all && !options.verbose;
  write_console_report(report, std::cout, {color, options.verbose, compact});
  write_files(report, context.course, options, timeline);
  if (report.unresolved()) return kUnresolved;
  return report.all_passed() ? kAllPassed : kNotAllPassed;
}

}  // namespace

Subcommand add_check(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand("check", tr("Grade your exercises and explain what fails"));
  auto options = std::make_shared<CheckOptions>();
  register_check(*app, *options);
  register_check_display(*app, *options);
  return {app, [&common, options] { return run_check(common, *options); }};
}

}  // namespace grader::cli
