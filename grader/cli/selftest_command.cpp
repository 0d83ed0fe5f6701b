// grader selftest: the model answers get full marks, the starter files only
// the build points, and every mistake in tests/mistakes/ is caught.
#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "config/mistake_loader.hpp"
#include "selftest/selftest.hpp"

namespace grader::cli {
namespace {

struct SelftestOptions {
  std::vector<std::string> exercises;
};

void register_selftest(CLI::App& app, SelftestOptions& options) {
  app.add_option("exercises", options.exercises, "Exercises to check (default: all)");
}

int run_selftest(const CommonOptions& common, const SelftestOptions& options) {
  Context context = load_context(common, LanguageDefault::english);
  std::vector<MistakeSpec> mistakes = load_mistakes(context.course);
  auto live = start_session(context, common);
  ProgressSink progress = terminal_progress();
  SelftestReport report = grader::run_selftest(*live->session, context.course, mistakes,
                                               options.exercises, context.work_dir, progress);
  if (progress) std::cerr << "\r\033[K" << std::flush;
  write_selftest_report(report, std::cout);
  return report.ok() ? kAllPassed : kNotAllPassed;
}

}  // namespace

Subcommand add_selftest(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "selftest", "Check the course: model answers pass, starter files fail, mistakes are caught");
  auto options = std::make_shared<SelftestOptions>();
  register_selftest(*app, *options);
  return {app, [&common, options] { return run_selftest(common, *options); }};
}

}  // namespace grader::cli
