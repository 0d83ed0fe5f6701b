// grader gradescope-package OUT: the Gradescope autograder, as the folder to
// zip and upload: the course (tests, references and model answers included:
// keep the zip private), setup.sh, which installs the packages and the grader
// on Gradescope's Ubuntu image, and run_autograder, which grades
// /autograder/submission into /autograder/results/results.json. Both scripts
// live in deploy/gradescope/.
#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "config/printable.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"

namespace grader::cli {
namespace {

namespace fs = std::filesystem;
using ipclab::i18n::tr;

struct PackageOptions {
  std::string out;
};

/// What is never packaged: builds, the work folder, the repository's history.
bool left_out(const fs::path& relative) {
  const std::string top = relative.begin()->string();
  return top == "build" || top == ".grader" || top == ".git" || top == ".cache";
}

/// Copies the course's regular files (not links) into `out`, but not `out`
/// itself when it is inside the course.
void copy_course(const fs::path& course, const fs::path& out) {
  for (auto it = fs::recursive_directory_iterator(course); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path relative = fs::relative(it->path(), course);
    if (left_out(relative) || fs::equivalent(it->path(), out)) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory() && !it->is_symlink()) fs::create_directories(out / relative);
    if (it->is_regular_file() && !it->is_symlink()) fs::copy_file(it->path(), out / relative);
  }
}

/// setup.sh and run_autograder at the top of the zip, where Gradescope looks.
void add_scripts(const fs::path& course, const fs::path& out) {
  for (const char* script : {"setup.sh", "run_autograder"}) {
    const fs::path from = course / "deploy/gradescope" / script;
    if (!fs::is_regular_file(from))
      throw GraderError(
          fmt::format(fmt::runtime(tr("{} is missing: restore deploy/gradescope/ from the course")),
                      from.string()));
    fs::copy_file(from, out / script, fs::copy_options::overwrite_existing);
    fs::permissions(out / script, fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  }
}

/// Why OUT cannot be written ("" when it can): a usage error.
std::string out_problem(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return "";
  if (!fs::is_directory(out, ec)) return quote(out.string()) + " is a file: give a new folder";
  if (!fs::is_empty(out, ec))
    return quote(out.string()) + " is not empty: give a new folder (or remove it first)";
  return "";
}

int run_package(const CommonOptions& common, const PackageOptions& options) {
  const fs::path out = fs::absolute(options.out);
  if (std::string error = out_problem(out); !error.empty())
    throw UsageError("gradescope-package: " + error);
  const Context context = load_context(common);
  fs::create_directories(out);
  copy_course(context.course.root, out);
  add_scripts(context.course.root, out);
  std::cerr << "grader: gradescope-package: "
            << fmt::format(fmt::runtime(tr(
                               "wrote {}: zip its contents (cd OUT && zip -r ../autograder.zip .) "
                               "and upload the zip as the assignment's autograder, on the Ubuntu "
                               "24.04 base image; keep it private (it holds the hidden tests and "
                               "model answers)")),
                           out.string())
            << "\n";
  return kAllPassed;
}

}  // namespace

Subcommand add_gradescope_package(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "gradescope-package",
      tr("Write a Gradescope autograder (setup.sh, run_autograder, the course)"));
  auto options = std::make_shared<PackageOptions>();
  app->add_option("out", options->out, tr("A new folder for the autograder's files"))->required();
  return {app, [&common, options] { return run_package(common, *options); }};
}

}  // namespace grader::cli
