#include "selftest/mutant_verdict.hpp"

namespace grader {
namespace {

bool kills(Outcome outcome) {
  return outcome == Outcome::failed || outcome == Outcome::timed_out ||
         outcome == Outcome::crashed || outcome == Outcome::output_limit;
}

}  // namespace

const char* to_string(MutantVerdict verdict) {
  switch (verdict) {
    case MutantVerdict::killed:
      return "killed";
    case MutantVerdict::survived:
      return "survived";
    case MutantVerdict::stillborn:
      return "stillborn";
    case MutantVerdict::error:
      return "error";
  }
  return "error";
}

MutantOutcome judge_mutant(const std::vector<GradeReport>& parts, const std::string& error) {
  if (!error.empty()) return {MutantVerdict::error, error};
  std::string unresolved;
  for (const GradeReport& part : parts) {
    for (const ExerciseGrade& exercise : part.exercises) {
      if (!exercise.build.ok) return {MutantVerdict::stillborn, "the build failed"};
      for (const TestGrade& test : exercise.tests) {
        if (kills(test.outcome))
          return {MutantVerdict::killed, test.id + " " + to_string(test.outcome)};
        if (test.outcome == Outcome::unresolved) unresolved = test.id + " unresolved";
      }
    }
  }
  if (!unresolved.empty()) return {MutantVerdict::error, unresolved};
  return {MutantVerdict::survived, ""};
}

bool decided(const GradeReport& report) {
  const MutantVerdict verdict = judge_mutant({report}, "").verdict;
  return verdict == MutantVerdict::killed || verdict == MutantVerdict::stillborn;
}

}  // namespace grader
