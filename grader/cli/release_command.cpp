// grader release: write the student-facing repository of the course.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "host/environment.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "release/release.hpp"
#include "release/release_kit.hpp"

namespace grader::cli {
namespace {

namespace fs = std::filesystem;
using ipclab::i18n::tr;

struct ReleaseOptions {
  std::string dir;
  std::string kit;  ///< a built release kit; empty: build one
};

/// The course's release kit, built in the work folder (incrementally).
fs::path built_release_kit(const Context& context) {
  fs::path build = context.work_dir / "release-kit";
  std::cerr << "grader: release: "
            << fmt::format(fmt::runtime(tr("building the reference drivers and visible harnesses "
                                           "in {} ...")),
                           build.string())
            << "\n";
  ipclab::exec::SystemProcessRunner runner;
  return build_release_kit(context.course, build, runner, ipclab::host::current_environment());
}

int run_release(const CommonOptions& common, const ReleaseOptions& options) {
  Context context = load_context(common);
  // grade.yml grades pull requests; warm-cache.yml saves their build cache.
  std::vector<fs::path> workflows;
  for (const char* name : {"grade.yml", "warm-cache.yml"}) {
    workflows.push_back(context.course.root / "templates" / "github" / "workflows" / name);
    if (!fs::is_regular_file(workflows.back())) {
      throw GraderError(fmt::format(fmt::runtime(tr("the workflow template {} is missing: "
                                                    "restore templates/ from the course "
                                                    "repository")),
                                    workflows.back().string()));
    }
  }
  check_release_destination(context.course, options.dir);  // before the long build
  fs::path kit = options.kit.empty() ? built_release_kit(context) : fs::path(options.kit);
  ReleaseSummary summary = write_release(context.course, options.dir, workflows, kit);
  // TRANSLATORS: a count of files, the release folder, a count of tests, the kit's folder
  std::cout << fmt::format(
      fmt::runtime(
          tr("Released {} files to {} ({} hidden test(s) removed from assignments.yaml).\n"
             "Left out: solutions/, the sources of reference/ and tests/exercises/ (hidden tests "
             "included), tests/mistakes/, tests/grader/, tests/hostile/, bench/, templates/.\n"
             "Shipped instead: the reference drivers and the visible-only harnesses, prebuilt and "
             "stripped, in {} with their SHA-256 digests (see docs/ci.md).\n")),
      summary.files.size(), options.dir, summary.hidden_tests_removed, kReleaseKitFolder);
  return kAllPassed;
}

}  // namespace

Subcommand add_release(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "release", "Write the student repository: no model answers, hidden tests or mistakes");
  auto options = std::make_shared<ReleaseOptions>();
  app->add_option("dir", options->dir, "An empty folder outside the course")->required();
  app->add_option("--kit", options->kit,
                  "A built release kit to ship (BUILD/release-kit after `cmake --build BUILD "
                  "--target ipclab_release_kit`); default: build one in the work folder");
  return {app, [&common, options] { return run_release(common, *options); }};
}

}  // namespace grader::cli
