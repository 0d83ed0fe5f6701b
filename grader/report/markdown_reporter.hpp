#pragma once
// The Markdown reporter: a student's feedback.md after a batch, and the
// pull-request step summary of `grader ci` ($GITHUB_STEP_SUMMARY). GitHub-
// flavoured Markdown: a score line, one table per exercise, then the details
// of every test that did not pass.

#include <ostream>

#include "model/grade_report.hpp"

namespace grader {

struct MarkdownOptions {
  /// false: hidden tests show their outcome and hint only, never their message
  /// (it may quote the hidden test's inputs).
  bool reveal_hidden = false;
};

/// Writes `report` as Markdown. Student text (messages, notes, compiler output)
/// is fenced or escaped so that it cannot close a table, start a heading or
/// embed HTML. Throws only what `out` throws.
void write_markdown_report(const GradeReport& report, std::ostream& out,
                           const MarkdownOptions& options = {});

}  // namespace grader
