#pragma once
// grader selftest --mutants, the steps: make each exercise's mutants, set
// the equivalent ones aside, take the sample (when asked), grade the rest
// together under the batch scheduler, and count per exercise.

#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "selftest/mutant_report.hpp"
#include "selftest/mutant_runner.hpp"

namespace grader {

struct MutationPlan {
  ExerciseMutation figures;      ///< results still empty
  std::vector<Mutant> to_grade;  ///< generated, not equivalent, sampled
};

struct MutationChoice {
  std::vector<std::string> exercise_ids;  ///< empty: all
  std::size_t sample = 0;                 ///< mutants per exercise; 0: every one
  std::uint32_t seed = 1;                 ///< which ones, with `sample`
  /// When set, only these mutants (survivor_keys() of an earlier run): the
  /// survivors regraded after tests were added.
  std::optional<std::set<std::string>> only;
};

/// The plan for each exercise `choice` names. Throws GraderError when the
/// parser is missing, ConfigError for a bad equivalent.yaml.
std::vector<MutationPlan> plan_mutation(const Course& course, const MutationChoice& choice);

/// Grades every plan's mutants through `runner`, `jobs` at a time, and
/// returns the figures.
std::vector<ExerciseMutation> run_mutation(const Course& course, std::vector<MutationPlan> plans,
                                           int jobs, PhaseRunner& runner,
                                           const std::atomic<bool>& stop,
                                           const MutantProgress& progress);

/// Every mutant of `plans` in one list, in plan order (what MutantSlots holds).
std::vector<Mutant> all_mutants(const std::vector<MutationPlan>& plans);

/// --list: each exercise's figures, then each mutant to grade with its diff.
void write_mutant_list(const std::vector<MutationPlan>& plans, std::ostream& out);

}  // namespace grader
