// grader validate: check assignments.yaml against the harnesses, the model
// answers, the reference implementations, the mistakes corpus and the
// contract tables.
#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "i18n/messages.hpp"
#include "validate/validation_run.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

struct ValidateOptions {
  std::vector<std::string> exercises;
};

int run_validate(const CommonOptions& common, const ValidateOptions& options) {
  Context context = load_context(common);  // every schema check, with file:line:col
  ipclab::exec::SystemProcessRunner runner;
  Kit kit = locate_kit(common.grader_binary);
  require_known_exercises(context.course, options.exercises);
  ValidationSummary summary =
      validate_course(context.course, kit, runner, options.exercises, std::cerr);
  for (const std::string& problem : summary.problems)
    std::cerr << "grader: error: " << problem << "\n";
  if (!summary.problems.empty()) return kUsageError;  // the course's problems: its verdict
  std::cout << validity_line(summary);
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
