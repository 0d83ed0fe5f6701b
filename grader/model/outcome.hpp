#pragma once
// The outcome of a test, as reported to students and machines. `unresolved`
// means the grader could not do its job: it never earns points, and it is never
// "failed" (the student's fault) nor "passed".
//
// One table says what each outcome means and how it is shown; every writer
// (console, JSON, JUnit, Markdown, HTML, GitHub annotations, Gradescope) reads
// it instead of deciding on its own.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace grader {

enum class Outcome {
  passed,
  failed,
  timed_out,
  crashed,
  output_limit,
  build_failed,
  not_run,
  unresolved,
};

/// What an outcome says about the student's code. The four kinds are JUnit's
/// (no element, <failure>, <skipped>, <error>).
enum class OutcomeKind {
  passed,
  failure,     ///< the student's code did it (failed, timed out, crashed, output)
  not_run,     ///< nothing ran: the exercise did not build, or the test was not run
  unresolved,  ///< the grader could not tell: neither passed nor failed
};

/// Everything the writers need to know of one outcome.
struct OutcomeProperties {
  Outcome outcome;
  const char* name;  ///< "timed_out": the JSON spelling, never translated
  OutcomeKind kind;
  /// Its test's processes ran, so the test has a duration worth showing.
  bool ran;
  /// The course's hint may help: the student's code caused it.
  bool earns_hint;
  const char* status;   ///< "TIMEOUT": the console's status word (tr())
  const char* counted;  ///< "timed out" as in "3 timed out" (tr())
  const char* word;     ///< "timed out" as one test's outcome (trc("outcome", word))
  const char* icon;     ///< "⏱️": Markdown's
};

/// The table, one row per outcome in the order of the enum (the order in
/// which counts are listed).
const std::array<OutcomeProperties, 8>& outcome_table();

/// The row of `outcome` (unresolved's for a value outside the enum: never
/// pretend to know more).
const OutcomeProperties& properties_of(Outcome outcome);

/// "passed", "timed_out", ... (the JSON spelling).
const char* to_string(Outcome outcome);

/// The inverse of to_string(); nullopt for anything else.
std::optional<Outcome> parse_outcome(std::string_view text);

}  // namespace grader
