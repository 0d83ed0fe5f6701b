// grader list: the course's exercises and tests, with points and limits.
#include <fmt/format.h>

#include <iostream>

#include "cli/context.hpp"

namespace grader::cli {

namespace {

int run_list(const CommonOptions& common) {
  Context context = load_context(common);
  std::cout << context.course.name << "\n";
  for (const ExerciseSpec& exercise : context.course.exercises) {
    std::cout << fmt::format("\n{} — {} ({:g} points, {:g} for building)\n", exercise.id,
                             exercise.title, exercise.max_points(), exercise.build_points);
    for (const TestSpec& test : exercise.tests) {
      std::cout << fmt::format("  {:<36} {:>4g} pt  {:<7}  timeout {:g} s{}{}\n", test.id,
                               test.points, to_string(test.visibility),
                               test.limits.timeout.count() / 1000.0,
                               test.trials > 1 ? fmt::format(", {} trials", test.trials) : "",
                               test.sanitize ? ", ASan+UBSan build" : "");
    }
  }
  return kAllPassed;
}

}  // namespace

Subcommand add_list(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand("list", "List the exercises and their tests");
  return {app, [&common] { return run_list(common); }};
}

}  // namespace grader::cli
