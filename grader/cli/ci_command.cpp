// grader ci: grade a pull request's working tree against the pristine course
// of its base commit, and publish the result the way CI systems read it.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "ci/ci_policy.hpp"
#include "ci/github_environment.hpp"
#include "ci/pull_request.hpp"
#include "ci/tamper.hpp"
#include "cli/context.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "report/console_reporter.hpp"
#include "report/github_reporter.hpp"
#include "report/gradescope_reporter.hpp"
#include "report/junit_reporter.hpp"
#include "report/markdown_reporter.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;

struct CiOptions {
  std::vector<std::string> exercises;
  std::string base;
  std::string junit_file;
  std::string gradescope_file;
  std::optional<double> min_score;
  bool strict = false;
  bool hidden = false;
};

void register_ci(CLI::App& app, CiOptions& options) {
  app.add_option("exercises", options.exercises, tr("Exercises to grade (default: all)"));
  app.add_option("--base", options.base,
                 tr("Grade against the course of this commit (e.g. origin/main): only the student "
                    "files come from the working tree; other changes are reported"));
  app.add_option("--junit", options.junit_file, tr("Write JUnit XML to FILE"));
  app.add_option("--gradescope", options.gradescope_file,
                 tr("Write Gradescope results.json to FILE"));
  app.add_option("--min-score", options.min_score,
                 tr("Exit 0 when the score reaches this (default: the maximum score)"))
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--strict", options.strict,
               tr("Fail (exit 1) when files outside the student files changed"));
  app.add_flag("--hidden", options.hidden,
               tr("Also run the hidden tests (their messages stay hidden)"));
}

fs::path course_root(const CommonOptions& common) {
  return find_course_root(common.course_dir.empty() ? fs::current_path()
                                                    : fs::path(common.course_dir));
}

fs::path work_dir_of(const CommonOptions& common, const fs::path& root) {
  return fs::absolute(common.work_dir.empty() ? root / ".grader" : fs::path(common.work_dir));
}

/// Usage errors found before anything is built; empty when there are none.
std::string usage_error(const PullRequest& pr, const CiOptions& options,
                        const Selection& selection) {
  if (std::string error = unknown_exercise(pr.course, options.exercises); !error.empty())
    return error;
  double most = max_score(pr.course, selection);
  if (options.min_score && *options.min_score > most + 1e-9) {
    return fmt::format(
        fmt::runtime(tr("--min-score {:g} is above the most this run can earn ({:g}): lower it")),
        *options.min_score, most);
  }
  return "";
}

void warn_about_changes(const PullRequest& pr) {
  if (!pr.base_ref) {
    std::cerr << "grader: note: "
              << tr("no --base: graded the working tree as it is, tests included, without "
                    "checking for changes outside the student files")
              << "\n";
    return;
  }
  for (const std::string& file : pr.tampered) {
    std::cerr << tamper_warning(file, *pr.base_ref) << "\n";
  }
}

/// `text` inside a Markdown code span: a backquote would end it early.
std::string code_span(std::string text) {
  std::replace(text.begin(), text.end(), '`', '\'');
  return "`" + text + "`";
}

std::string changes_markdown(const PullRequest& pr) {
  if (!pr.base_ref) {
    return fmt::format("\n> **{}** {}\n", tr("Note:"),
                       tr("graded without `--base`: no check for changes outside the student "
                          "files."));
  }
  if (pr.tampered.empty()) return "";
  std::string text = fmt::format(
      "\n### {}\n\n{}\n\n", tr("Changes outside the student files"),
      fmt::format(fmt::runtime(tr("Graded with the version of `{}` instead:")), *pr.base_ref));
  for (const std::string& file : pr.tampered) {
    text += "- " + code_span(printable_path(file)) + "\n";
  }
  return text;
}

/// stdout: the console report, fenced so that nothing in it is ever read as
/// a workflow command; then the annotations, which are escaped.
void write_stdout(const GradeReport& report, const GradeReport& shown, const PullRequest& pr,
                  const GithubEnvironment& github) {
  if (!github.actions) {
    write_console_report(shown, std::cout, {false, false});
    return;
  }
  std::string token = unguessable_token();
  std::cout << stop_commands(token);
  write_console_report(shown, std::cout, {false, false});
  std::cout << resume_commands(token);
  write_github_annotations(report, std::cout);
  for (const std::string& file : pr.tampered) {
    std::cout << "::warning file=" << escape_command_property(file)
              << ",title=" << escape_command_property(tr("changed outside the student files"))
              << "::" << escape_command_data(tamper_warning(file, *pr.base_ref)) << "\n";
  }
}

void publish(const GradeReport& report, const PullRequest& pr, const CiOptions& options,
             const GithubEnvironment& github, const std::string& hidden_tests) {
  GradeReport shown = without_hidden_details(report);
  write_stdout(report, shown, pr, github);
  std::cout.flush();
  if (!options.junit_file.empty()) {
    write_output_file(options.junit_file,
                      [&](std::ostream& out) { write_junit_report(shown, out); });
  }
  if (!options.gradescope_file.empty()) {
    write_output_file(options.gradescope_file, [&](std::ostream& out) {
      write_gradescope_results(report, out, hidden_tests);
    });
  }
  if (github.step_summary) {
    std::ostringstream markdown;
    write_markdown_report(report, markdown, {.reveal_hidden = false});
    append_to_file(*github.step_summary, markdown.str() + changes_markdown(pr));
  }
  if (github.output) {
    append_to_file(*github.output, github_outputs(report) +
                                       "tampered=" + std::to_string(pr.tampered.size()) + "\n");
  }
}

/// The pull request, with its course's texts and the grader's messages in
/// the course's language unless --lang says otherwise: outputs others read.
PullRequest load_pull_request(const CommonOptions& common, const CiOptions& options,
                              const fs::path& root, const fs::path& work_dir) {
  ipclab::exec::SystemProcessRunner git_runner;
  const std::vector<std::string> languages = course_languages(common, LanguageDefault::course);
  PullRequest pr = options.base.empty()
                       ? pull_request_as_is(root, languages)
                       : pull_request_against(git_runner, root, options.base, work_dir, languages);
  speak_course_language(pr.course, common);
  return pr;
}

int run_ci(const CommonOptions& common, const CiOptions& options) {
  fs::path root = course_root(common);
  fs::path work_dir = work_dir_of(common, root);
  PullRequest pr = load_pull_request(common, options, root, work_dir);
  Selection selection{options.exercises, {}, options.hidden};
  if (std::string error = usage_error(pr, options, selection); !error.empty()) {
    std::cerr << "grader: error: " << error << "\n";
    return kUsageError;
  }
  Context context{std::move(pr.course), work_dir};
  auto live = start_session(context, common);
  require_isolation(*live, common, "ci");
  warn_about_changes(pr);
  ProgressSink progress = terminal_progress();
  GradeReport report = live->session->grade({pr.submission, selection, std::nullopt}, progress);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  publish(report, pr, options, github_environment(), context.course.gradescope_hidden_tests);
  return ci_exit_code(report, options.min_score, !pr.tampered.empty(), options.strict);
}

}  // namespace

Subcommand add_ci(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "ci", tr("Grade a pull request against its base commit; write JUnit, Markdown, annotations"));
  auto options = std::make_shared<CiOptions>();
  register_ci(*app, *options);
  return {app, [&common, options] { return run_ci(common, *options); }};
}

}  // namespace grader::cli
