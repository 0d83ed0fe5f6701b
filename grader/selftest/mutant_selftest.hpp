#pragma once
// grader selftest --mutants, the steps: make each exercise's mutants, set
// the equivalent ones aside, take the sample (when asked), grade the rest
// together under the batch scheduler, and count per exercise.

#include <atomic>
#include <cstdint>
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

/// The plan for each of `exercise_ids` (all when empty): `sample` mutants
/// per exercise chosen by `seed` (0: every one). Throws GraderError when the
/// parser is missing, ConfigError for a bad equivalent.yaml.
std::vector<MutationPlan> plan_mutation(const Course& course,
                                        const std::vector<std::string>& exercise_ids,
                                        std::size_t sample, std::uint32_t seed);

/// Grades every plan's mutants through `runner`, `jobs` at a time, and
/// returns the figures.
std::vector<ExerciseMutation> run_mutation(const Course& course, std::vector<MutationPlan> plans,
                                           int jobs, PhaseRunner& runner,
                                           const std::atomic<bool>& stop,
                                           const MutantProgress& progress);

/// Every mutant of `plans` in one list, in plan order (what MutantSlots holds).
std::vector<Mutant> all_mutants(const std::vector<MutationPlan>& plans);

}  // namespace grader
