#include "validate/validation_run.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "config/config_error.hpp"
#include "config/contract_loader.hpp"
#include "config/mistake_loader.hpp"
#include "model/grader_error.hpp"
#include "run/tool_run.hpp"
#include "selftest/mutant_equivalents.hpp"
#include "selftest/mutant_generator.hpp"

namespace grader {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> mistake_problems(const Course& course, std::size_t& count) {
  try {
    std::vector<MistakeSpec> mistakes = load_mistakes(course);
    count = mistakes.size();
    std::vector<std::string> problems;  // a feedback lacking a language its tests speak
    for (const MistakeSpec& mistake : mistakes)
      problems.insert(problems.end(), mistake.untranslated.begin(), mistake.untranslated.end());
    return problems;
  } catch (const ConfigError& e) {  // a problem among the others, not the end of the run
    return {e.what()};
  }
}

/// The problems of the contract tables; `clauses` counts the clauses read.
std::vector<std::string> contract_table_problems(const Course& course, std::size_t& clauses) {
  try {
    std::vector<ContractSpec> contracts = load_contracts(course);
    for (const ContractSpec& contract : contracts)
      clauses += contract.clauses.size();
    return contract_problems(course, contracts);
  } catch (const ConfigError& e) {  // a problem among the others, not the end of the run
    return {e.what()};
  }
}

/// The problems of tests/mutants/<id>/equivalent.yaml: each edit must apply
/// exactly once, and (with libclang) still be made by the mutant generator.
std::vector<std::string> mutant_problems(const Course& course, const std::vector<std::string>& ids,
                                         std::ostream& notes) {
  if (!mutant_parser_available()) {
    notes << "grader: note: equivalent mutants not matched against the generator: "
          << missing_mutant_parser() << "\n";
    return equivalent_problems(course, ids, {});
  }
  return equivalent_problems(course, ids, [&course](const ExerciseSpec& exercise) {
    return generate_mutants(course, exercise);
  });
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

HarnessListing list_harness(ipclab::exec::ProcessRunner& runner, const Kit& kit,
                            const std::string& exercise_id) {
  fs::path harness = kit.harness(exercise_id);
  if (!fs::is_regular_file(harness)) {
    throw GraderError("the kit has no " + harness.filename().string() + " (looked in " +
                      kit.dir.string() +
                      "): rebuild the project, or name the exercises to validate");
  }
  ipclab::exec::ProcessSpec spec;
  spec.executable = harness;
  spec.args = {"--gtest_list_tests"};
  std::string listing =
      run_tool(runner, spec, 30s, harness.string() + " --gtest_list_tests failed");
  return {exercise_id, parse_gtest_list(listing)};
}

ValidationSummary validate_course(const Course& course, const Kit& kit,
                                  ipclab::exec::ProcessRunner& runner, std::vector<std::string> ids,
                                  std::ostream& notes) {
  ValidationSummary summary;
  summary.exercises = course.exercises.size();
  for (const ExerciseSpec& exercise : course.exercises) {
    if (ids.empty()) summary.ids.push_back(exercise.id);
    summary.tests += exercise.tests.size();
  }
  if (!ids.empty()) summary.ids = std::move(ids);
  std::vector<HarnessListing> harnesses;
  for (const std::string& id : summary.ids)
    harnesses.push_back(list_harness(runner, kit, id));
  summary.problems = consistency_problems(
      course, harnesses, [](const fs::path& path) { return fs::is_regular_file(path); });
  append(summary.problems, mistake_problems(course, summary.mistakes));
  append(summary.problems, contract_table_problems(course, summary.clauses));
  append(summary.problems, course.untranslated);  // a text lacking a language
  append(summary.problems, mutant_problems(course, summary.ids, notes));
  return summary;
}

std::string validity_line(const ValidationSummary& summary) {
  return fmt::format(
      "assignments.yaml is valid: {} exercises, {} tests, {} mistakes, {} contract clauses each "
      "checked by a test; the harnesses of {} agree with it\n",
      summary.exercises, summary.tests, summary.mistakes, summary.clauses,
      fmt::join(summary.ids, ", "));
}

}  // namespace grader
