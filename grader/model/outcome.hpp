#pragma once
// The outcome of a test, as reported to students and machines. `unresolved`
// means the grader could not do its job: it never earns points, and it is never
// "failed" (the student's fault) nor "passed".

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

/// "passed", "timed_out", ... (the JSON spelling).
const char* to_string(Outcome outcome);

/// The inverse of to_string(); nullopt for anything else.
std::optional<Outcome> parse_outcome(std::string_view text);

}  // namespace grader
