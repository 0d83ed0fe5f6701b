#pragma once
// The console reporter: what a student reads after every `grader check`.
// A header (course, submission, sandbox), one block per exercise (the build,
// then one line per test, with details under each test that did not pass), and
// the total; or, compact, the exercises one line each and the block of the
// first one not done. Sees only the finished GradeReport.

#include <ostream>

#include "model/grade_report.hpp"

namespace grader {

/// How to print. Colour only when the caller knows stdout is a terminal.
struct ConsoleStyle {
  bool color = false;    ///< ANSI colours and bold; false: plain text, no escape codes at all
  bool verbose = false;  ///< also show the notes of passing tests and the warnings of good builds
  /// A first report a beginner can act on: one line per exercise (its state
  /// and progress), then the first exercise not done with its tests one line
  /// each and only its first failure explained. false: every exercise and
  /// every failure in full.
  bool compact = false;
};

/// Writes `report` for a person to read. Columns line up for any test id;
/// points are printed without trailing zeros ("2.5"), durations as "12 ms" or
/// "1.3 s". Throws only what `out` throws.
void write_console_report(const GradeReport& report, std::ostream& out, const ConsoleStyle& style);

}  // namespace grader
