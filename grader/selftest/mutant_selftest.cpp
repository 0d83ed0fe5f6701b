#include "selftest/mutant_selftest.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/edit_reader.hpp"
#include "selftest/mutant_equivalents.hpp"
#include "selftest/mutant_generator.hpp"
#include "selftest/mutant_sample.hpp"

namespace grader {
namespace {

MutationPlan plan_exercise(const Course& course, const ExerciseSpec& exercise,
                           const MutationChoice& choice) {
  MutationPlan plan;
  plan.figures.exercise_id = exercise.id;
  plan.figures.model_files =
      read_source_files(course.root / "solutions" / exercise.id, exercise.student_files);
  const std::vector<EquivalentMutant> equivalents = load_equivalent_mutants(course, exercise);
  const std::vector<Mutant> generated = generate_mutants(course, exercise);
  plan.figures.generated = generated.size();
  for (const Mutant& mutant : generated) {
    bool equivalent = std::any_of(equivalents.begin(), equivalents.end(), [&](const auto& e) {
      return same_change(mutant, e, plan.figures.model_files);
    });
    const std::string& text = plan.figures.model_files.at(mutant.edit.file);
    if (equivalent) {
      ++plan.figures.equivalent;
    } else if (!choice.only || choice.only->contains(survivor_key(mutant, text))) {
      plan.to_grade.push_back(mutant);
    }
  }
  if (choice.sample > 0) plan.to_grade = sample_mutants(plan.to_grade, choice.sample, choice.seed);
  return plan;
}

}  // namespace

std::vector<MutationPlan> plan_mutation(const Course& course, const MutationChoice& choice) {
  const std::vector<std::string>& ids = choice.exercise_ids;
  std::vector<MutationPlan> plans;
  for (const ExerciseSpec& exercise : course.exercises) {
    bool chosen = ids.empty() || std::find(ids.begin(), ids.end(), exercise.id) != ids.end();
    if (chosen) plans.push_back(plan_exercise(course, exercise, choice));
  }
  return plans;
}

std::vector<Mutant> all_mutants(const std::vector<MutationPlan>& plans) {
  std::vector<Mutant> mutants;
  for (const MutationPlan& plan : plans)
    mutants.insert(mutants.end(), plan.to_grade.begin(), plan.to_grade.end());
  return mutants;
}

std::vector<ExerciseMutation> run_mutation(const Course& course, std::vector<MutationPlan> plans,
                                           int jobs, PhaseRunner& runner,
                                           const std::atomic<bool>& stop,
                                           const MutantProgress& progress) {
  std::vector<MutantResult> results =
      grade_mutants(course, all_mutants(plans), jobs, runner, stop, progress);
  std::vector<ExerciseMutation> figures;
  auto next = results.begin();
  for (MutationPlan& plan : plans) {
    auto end = next + static_cast<std::ptrdiff_t>(plan.to_grade.size());
    plan.figures.results.assign(next, end);
    next = end;
    figures.push_back(std::move(plan.figures));
  }
  return figures;
}

void write_mutant_list(const std::vector<MutationPlan>& plans, std::ostream& out) {
  for (const MutationPlan& plan : plans) {
    out << fmt::format("{}: {} mutants, {} equivalent, {} to grade\n", plan.figures.exercise_id,
                       plan.figures.generated, plan.figures.equivalent, plan.to_grade.size());
    for (const Mutant& mutant : plan.to_grade) {
      out << "  " << mutant.name() << "\n"
          << indented(edit_diff(plan.figures.model_files.at(mutant.edit.file), mutant.edit),
                      "      ");
    }
  }
}

}  // namespace grader
