#include "report/markdown_reporter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

constexpr std::size_t kMaxLogBytes = 4000;

const char* icon(Outcome outcome) {
  return properties_of(outcome).icon;
}

/// `text` in a fenced code block whose fence no line of the text can close.
std::string fenced(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string body = sanitized_utf8(text);
  while (!body.empty() && body.back() == '\n')
    body.pop_back();
  return fmt::format("{}text\n{}\n{}\n", fence, body, fence);
}

std::string markdown_test_name(const TestGrade& test) {
  const std::string name = markdown_inline(test.id);
  return test.visibility == Visibility::hidden ? name + " *" + tr("(hidden)") + "*" : name;
}

class MarkdownWriter {
 public:
  MarkdownWriter(std::ostream& out, const MarkdownOptions& options)
      : out_(out), options_(options) {}

  void header(const GradeReport& report) {
    out_ << "# " << markdown_inline(report.course) << "\n\n";
    out_ << "**" << tr("Score:") << " " << format_total(report.score, report.max_score) << "**\n\n";
    out_ << "- " << tr("Submission:") << " " << markdown_inline(report.submission) << "\n";
    out_ << "- " << tr("Sandbox:") << " " << markdown_inline(report.sandbox) << "\n";
    if (!report.hidden_included) out_ << "- " << tr("Hidden tests were not run.") << "\n";
    if (report.unresolved()) {
      out_ << "\n> [!WARNING]\n> "
           << tr("The grader could not finish its job for some tests: the score is incomplete.")
           << "\n";
    }
  }

  void exercise(const ExerciseGrade& exercise) {
    const std::string title = exercise.title.empty() ? "" : " — " + markdown_inline(exercise.title);
    out_ << "\n## " << markdown_inline(exercise.id) << title << ": "
         << format_score(exercise.score, exercise.max_score) << "\n\n";
    out_ << fmt::format("| | {} | {} | {} |\n|---|---|---:|---:|\n", tr("Test"), tr("Points"),
                        tr("Time"));
    const BuildGrade& build = exercise.build;
    out_ << fmt::format("| {} | {} | {} | |\n", build.ok ? "✅" : "❌", tr("build"),
                        format_score(build.score, build.max_score));
    for (const TestGrade& test : exercise.tests) {
      out_ << fmt::format("| {} | {} | {} | {} |\n", icon(test.outcome), markdown_test_name(test),
                          format_score(test.score, test.max_score),
                          properties_of(test.outcome).ran ? elapsed_text(test.duration) : "");
    }
    build_details(build);
    for (const TestGrade& test : exercise.tests)
      test_details(test);
  }

 private:
  void build_details(const BuildGrade& build) {
    if (!build.ok) out_ << "\n### ❌ " << tr("build failed") << "\n\n";
    if (!build.ok && !build.diagnostics.empty()) out_ << diagnostics_block(build.diagnostics);
    if (!build.ok && build.diagnostics.empty() && !build.log.empty()) {
      const std::size_t start = build.log.size() - std::min(build.log.size(), kMaxLogBytes);
      out_ << (start > 0 ? tr("Compiler output (its end):") : tr("Compiler output:")) << "\n\n"
           << fenced(build.log.substr(start));
    }
    if (!build.notes.empty()) out_ << '\n';
    for (const std::string& note : build.notes)
      out_ << "- " << tr("note") << ": " << markdown_inline(note) << "\n";
  }

  static std::string diagnostics_block(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const std::string& line : diagnostic_lines(diagnostics, kMaxDiagnosticsShown))
      text += line + "\n";
    return fenced(text);
  }

  void test_details(const TestGrade& test) {
    if (test.outcome == Outcome::passed || test.outcome == Outcome::build_failed) return;
    out_ << fmt::format("\n### {} {} — {}\n\n", icon(test.outcome), markdown_test_name(test),
                        outcome_words(test.outcome));
    const bool hidden = test.visibility == Visibility::hidden && !options_.reveal_hidden;
    if (test.trials_total > 1) {
      out_ << fmt::format(fmt::runtime(tr("Passed {}/{} trials{}.")), test.trials_passed,
                          test.trials_total,
                          test.trials_passed > 0 ? tr(" — nondeterministic, likely a race") : "")
           << "\n\n";
    }
    if (hidden) out_ << tr("This test is hidden: its details are not shown.") << "\n\n";
    if (!hidden && !test.message.empty()) out_ << fenced(elided_lines(test.message)) << '\n';
    if (properties_of(test.outcome).earns_hint && !test.hint.empty()) {
      out_ << "**" << tr("Hint:") << "** " << markdown_inline(test.hint) << "\n\n";
    }
    if (properties_of(test.outcome).kind == OutcomeKind::unresolved) {
      out_ << tr("The grader could not finish this test: it is not your code's fault.") << "\n\n";
    }
    if (hidden) return;
    for (const std::string& note : test.notes)
      out_ << "- " << tr("note") << ": " << markdown_inline(note) << "\n";
    if (!test.notes.empty()) out_ << '\n';
    if (!test.rerun.empty())
      out_ << tr("Rerun it on your machine:") << "\n\n" << fenced(test.rerun);
  }

  std::ostream& out_;
  MarkdownOptions options_;
};

}  // namespace

void write_markdown_report(const GradeReport& report, std::ostream& out,
                           const MarkdownOptions& options) {
  MarkdownWriter writer(out, options);
  writer.header(report);
  for (const ExerciseGrade& exercise : report.exercises)
    writer.exercise(exercise);
}

}  // namespace grader
