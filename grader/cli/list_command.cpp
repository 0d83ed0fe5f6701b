// grader list: the course's exercises and tests, with points and limits.
#include <fmt/format.h>

#include <iostream>

#include "cli/context.hpp"
#include "i18n/messages.hpp"

namespace grader::cli {

namespace {

using ipclab::i18n::tr;

/// "  wire_format    3 pt  visible  timeout 30 s, 3 trials".
std::string test_line(const TestSpec& test) {
  const char* visibility = test.visibility == Visibility::hidden ? tr("hidden") : tr("visible");
  std::string extras;
  if (test.trials > 1) extras += fmt::format(fmt::runtime(tr(", {} trials")), test.trials);
  if (test.sanitize) extras += tr(", ASan+UBSan build");
  return fmt::format(fmt::runtime(tr("  {:<36} {:>4g} pt  {:<7}  timeout {:g} s{}\n")), test.id,
                     test.points, visibility, test.limits.timeout.count() / 1000.0, extras);
}

int run_list(const CommonOptions& common) {
  Context context = load_context(common);
  std::cout << context.course.name << "\n";
  for (const ExerciseSpec& exercise : context.course.exercises) {
    std::cout << fmt::format(fmt::runtime(tr("\n{} — {} ({:g} points, {:g} for building)\n")),
                             exercise.id, exercise.title, exercise.max_points(),
                             exercise.build_points);
    for (const TestSpec& test : exercise.tests)
      std::cout << test_line(test);
  }
  return kAllPassed;
}

}  // namespace

Subcommand add_list(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand("list", tr("List the exercises and their tests"));
  return {app, [&common] { return run_list(common); }};
}

}  // namespace grader::cli
