#include "ci/ci_publish.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "ci/ci_policy.hpp"
#include "ci/tamper.hpp"
#include "i18n/messages.hpp"
#include "report/console_reporter.hpp"
#include "report/github_reporter.hpp"
#include "report/gradescope_reporter.hpp"
#include "report/junit_reporter.hpp"
#include "report/markdown_reporter.hpp"
#include "report/output_file.hpp"

namespace grader {

using ipclab::i18n::tr;

namespace {

/// `text` inside a Markdown code span: a backquote would end it early.
std::string code_span(std::string text) {
  std::replace(text.begin(), text.end(), '`', '\'');
  return "`" + text + "`";
}

/// The console report, fenced so that nothing in it is ever read as a
/// workflow command; then the annotations, which are escaped.
void write_stdout(const GradeReport& report, const GradeReport& shown, const PullRequest& pr,
                  const GithubEnvironment& github, std::ostream& out) {
  if (!github.actions) {
    write_console_report(shown, out, {false, false});
    return;
  }
  std::string token = unguessable_token();
  out << stop_commands(token);
  write_console_report(shown, out, {false, false});
  out << resume_commands(token);
  write_github_annotations(report, out);
  for (const std::string& file : pr.tampered) {
    out << "::warning file=" << escape_command_property(file)
        << ",title=" << escape_command_property(tr("changed outside the student files"))
        << "::" << escape_command_data(tamper_warning(file, *pr.base_ref)) << "\n";
  }
}

/// The step summary and the job's outputs, when the job has them.
void write_github_files(const GradeReport& report, const PullRequest& pr,
                        const GithubEnvironment& github) {
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

}  // namespace

void warn_about_changes(const PullRequest& pr, std::ostream& log) {
  if (!pr.base_ref) {
    log << "grader: note: "
        << tr("no --base: graded the working tree as it is, tests included, without "
              "checking for changes outside the student files")
        << "\n";
    return;
  }
  for (const std::string& file : pr.tampered) {
    log << tamper_warning(file, *pr.base_ref) << "\n";
  }
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

void publish_ci_results(const GradeReport& report, const PullRequest& pr, const CiFiles& files,
                        const GithubEnvironment& github, std::ostream& out) {
  GradeReport shown = without_hidden_details(report);
  write_stdout(report, shown, pr, github, out);
  out.flush();
  if (!files.junit.empty()) {
    write_output_file(files.junit, [&](std::ostream& file) { write_junit_report(shown, file); });
  }
  if (!files.gradescope.empty()) {
    write_output_file(files.gradescope, [&](std::ostream& file) {
      write_gradescope_results(report, file, files.gradescope_hidden_tests);
    });
  }
  write_github_files(report, pr, github);
}

}  // namespace grader
