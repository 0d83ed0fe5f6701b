// grader ci: grade a pull request's working tree against the pristine course
// of its base commit, and publish the result the way CI systems read it.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "ci/ci_policy.hpp"
#include "ci/ci_publish.hpp"
#include "ci/github_environment.hpp"
#include "ci/pull_request.hpp"
#include "cli/context.hpp"
#include "i18n/messages.hpp"
#include "model/usage_error.hpp"

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
  if (std::string error = usage_error(pr, options, selection); !error.empty())
    throw UsageError(error);
  Context context{std::move(pr.course), work_dir};
  auto live = start_session(context, common);
  require_isolation(*live, common, "ci");
  warn_about_changes(pr, std::cerr);
  ProgressSink progress = terminal_progress();
  GradeReport report = live->session->grade({pr.submission, selection, std::nullopt}, progress);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  publish_ci_results(
      report, pr,
      {options.junit_file, options.gradescope_file, context.course.gradescope_hidden_tests},
      github_environment(), std::cout);
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
