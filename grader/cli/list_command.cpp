// grader list: the course's exercises and tests, with points and limits.
#include <fmt/format.h>

#include <iostream>

#include "cli/context.hpp"

namespace grader::cli {

void register_list(CLI::App&) {}

int run_list(const CommonOptions& common) {
  Context context = load_context(common);
  std::cout << context.course.name << "\n";
  for (const ExerciseSpec& exercise : context.course.exercises) {
    std::cout << fmt::format("\n{} — {} ({:g} points, {:g} for building)\n", exercise.id,
                             exercise.title, exercise.max_points(), exercise.build_points);
    for (const TestSpec& test : exercise.tests) {
      std::cout << fmt::format("  {:<36} {:>4g} pt  {:<7}  timeout {:g} s{}\n", test.id,
                               test.points, to_string(test.visibility),
                               test.limits.timeout.count() / 1000.0,
                               test.trials > 1 ? fmt::format(", {} trials", test.trials) : "");
    }
  }
  return kAllPassed;
}

}  // namespace grader::cli
