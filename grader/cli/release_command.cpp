// grader release: write the student-facing repository of the course.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "ci/release.hpp"
#include "cli/context.hpp"
#include "model/grader_error.hpp"

namespace grader::cli {
namespace {

namespace fs = std::filesystem;

struct ReleaseOptions {
  std::string dir;
};

int run_release(const CommonOptions& common, const ReleaseOptions& options) {
  Context context = load_context(common);
  fs::path workflow = context.course.root / "templates" / "github" / "workflows" / "grade.yml";
  if (!fs::is_regular_file(workflow)) {
    throw GraderError("the workflow template " + workflow.string() +
                      " is missing: restore templates/ from the course repository");
  }
  ReleaseSummary summary = write_release(context.course, options.dir, workflow);
  std::cout << fmt::format(
      "Released {} files to {} ({} hidden test(s) removed from assignments.yaml).\n"
      "Left out: solutions/, hidden tests (tests/exercises/*/hidden_*), tests/mistakes/, "
      "tests/grader/, tests/hostile/, bench/, templates/.\n"
      "Shipped: the reference implementations, which the visible tests pair student code "
      "with (see docs/ci.md).\n",
      summary.files.size(), options.dir, summary.hidden_tests_removed);
  return kAllPassed;
}

}  // namespace

Subcommand add_release(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "release", "Write the student repository: no model answers, hidden tests or mistakes");
  auto options = std::make_shared<ReleaseOptions>();
  app->add_option("dir", options->dir, "An empty folder outside the course")->required();
  return {app, [&common, options] { return run_release(common, *options); }};
}

}  // namespace grader::cli
