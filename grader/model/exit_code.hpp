#pragma once
// The grader's exit codes, shared by every command (docs: README.md, "Exit
// codes"). Scripts tell "graded, but the score is incomplete" (3) apart from
// "could not grade at all" (4): the first wrote its reports, the second did not.

namespace grader {

enum ExitCode {
  kAllPassed = 0,      ///< everything graded passed (selftest: every check holds)
  kNotAllPassed = 1,   ///< graded, but not everything passed (batch: error rows)
  kUsageError = 2,     ///< bad flags, bad assignments.yaml, bad roster
  kUnresolved = 3,     ///< graded and reported, but some test is unresolved
  kCouldNotGrade = 4,  ///< the grader could not do its job: no report was written
};

}  // namespace grader
