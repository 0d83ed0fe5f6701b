#pragma once
// What grading a mutant showed: killed (a test did not pass), survived
// (every test passed), stillborn (it does not compile: reported apart, never
// counted as killed), or an error (the grader could not grade it).

#include <string>
#include <vector>

#include "model/grade_report.hpp"

namespace grader {

enum class MutantVerdict { killed, survived, stillborn, error };

/// "killed", "survived", "stillborn", "error".
const char* to_string(MutantVerdict verdict);

struct MutantOutcome {
  MutantVerdict verdict = MutantVerdict::error;
  std::string detail;  ///< the test that killed it, or why it is an error
};

/// The verdict from the reports of the phases graded (`error`: why the
/// grader could not grade it, or empty). A test that was unresolved kills
/// nothing: with no failing test that makes the mutant an error.
MutantOutcome judge_mutant(const std::vector<GradeReport>& parts, const std::string& error);

/// True when `report` already shows a failing test or a failed build: the
/// mutant's remaining phases need not run.
bool decided(const GradeReport& report);

}  // namespace grader
