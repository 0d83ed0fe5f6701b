// grader validate: check assignments.yaml against the harnesses, the model
// answers, the reference implementations, the mistakes corpus and the
// contract tables.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "config/config_error.hpp"
#include "config/contract_loader.hpp"
#include "config/mistake_loader.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "selftest/mutant_equivalents.hpp"
#include "selftest/mutant_generator.hpp"
#include "validate/course_validation.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct ValidateOptions {
  std::vector<std::string> exercises;
};

/// The tests the kit's harness of `exercise_id` declares.
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
  ipclab::exec::RunOptions run_options;
  run_options.wall_time = 30s;
  run_options.snapshot_on_timeout = false;
  ipclab::exec::ProcessResult result = runner.run(spec, run_options);
  if (result.termination != ipclab::exec::Termination::exited || result.status.exit_code != 0) {
    throw GraderError(harness.string() +
                      " --gtest_list_tests failed: " + result.err.substr(0, result.err.find('\n')));
  }
  return {exercise_id, parse_gtest_list(result.out)};
}

std::vector<std::string> mistake_problems(const Course& course, std::size_t& count) {
  try {
    std::vector<MistakeSpec> mistakes = load_mistakes(course);
    count = mistakes.size();
    std::vector<std::string> problems;  // a feedback lacking a language its tests speak
    for (const MistakeSpec& mistake : mistakes)
      problems.insert(problems.end(), mistake.untranslated.begin(), mistake.untranslated.end());
    return problems;
  } catch (const ConfigError& e) {
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
  } catch (const ConfigError& e) {
    return {e.what()};
  }
}

/// The problems of tests/mutants/<id>/equivalent.yaml: each edit must apply
/// exactly once, and (with libclang) still be made by the mutant generator.
std::vector<std::string> mutant_problems(const Course& course,
                                         const std::vector<std::string>& ids) {
  if (!mutant_parser_available()) {
    std::cerr << "grader: note: equivalent mutants not matched against the generator: "
              << missing_mutant_parser() << "\n";
    return equivalent_problems(course, ids, {});
  }
  return equivalent_problems(course, ids, [&course](const ExerciseSpec& exercise) {
    return generate_mutants(course, exercise);
  });
}

int run_validate(const CommonOptions& common, const ValidateOptions& options) {
  Context context = load_context(common);  // every schema check, with file:line:col
  const Course& course = context.course;
  std::vector<std::string> ids = options.exercises;
  if (ids.empty()) {
    for (const ExerciseSpec& exercise : course.exercises)
      ids.push_back(exercise.id);
  }
  ipclab::exec::SystemProcessRunner runner;
  Kit kit = locate_kit(common.grader_binary);
  std::vector<HarnessListing> harnesses;
  if (std::string error = unknown_exercise(course, ids); !error.empty()) {
    std::cerr << "grader: error: " << error << "\n";
    return kUsageError;
  }
  for (const std::string& id : ids)
    harnesses.push_back(list_harness(runner, kit, id));
  std::vector<std::string> problems = consistency_problems(
      course, harnesses, [](const fs::path& path) { return fs::is_regular_file(path); });
  std::size_t mistakes = 0;
  for (std::string& problem : mistake_problems(course, mistakes))
    problems.push_back(problem);
  std::size_t clauses = 0;
  for (std::string& problem : contract_table_problems(course, clauses))
    problems.push_back(problem);
  for (const std::string& problem : course.untranslated)  // a text lacking a language
    problems.push_back(problem);
  for (std::string& problem : mutant_problems(course, ids))
    problems.push_back(problem);
  for (const std::string& problem : problems)
    std::cerr << "grader: error: " << problem << "\n";
  if (!problems.empty()) return kUsageError;
  std::size_t tests = 0;
  for (const ExerciseSpec& exercise : course.exercises)
    tests += exercise.tests.size();
  std::cout << fmt::format(
      "assignments.yaml is valid: {} exercises, {} tests, {} mistakes, {} contract clauses each "
      "checked by a test; the harnesses of {} agree with it\n",
      course.exercises.size(), tests, mistakes, clauses, fmt::join(ids, ", "));
  return kAllPassed;
}

}  // namespace

Subcommand add_validate(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "validate", tr("Check assignments.yaml against the harnesses, solutions and mistakes"));
  auto options = std::make_shared<ValidateOptions>();
  app->add_option("exercises", options->exercises,
                  tr("Exercises whose harness to check (default: all)"));
  return {app, [&common, options] { return run_validate(common, *options); }};
}

}  // namespace grader::cli
