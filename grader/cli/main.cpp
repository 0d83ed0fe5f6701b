// grader: builds students' IPC exercises, runs them under limits against the
// reference implementations, and scores them from assignments.yaml.
#include <iostream>

#include "cli/commands.hpp"
#include "config/config_error.hpp"
#include "model/grader_error.hpp"

namespace {

std::filesystem::path self_path(const char* argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::absolute(argv0) : self;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace grader::cli;
  CLI::App app{
      "grader: grades the IPC Lab exercises.\n"
      "Exit codes: 0 all passed, 1 not all passed, 2 usage or configuration error, "
      "3 the grader could not do its job."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "grader 0.1.0");
  CommonOptions common;
  common.grader_binary = self_path(argv[0]);
  app.add_option("--course", common.course_dir, "The course folder (default: found from here)");
  app.add_option("--work-dir", common.work_dir, "Where builds happen (default: <course>/.grader)");

  CheckOptions check;
  SelftestOptions selftest;
  CLI::App* check_app = app.add_subcommand("check", "Grade your exercises and explain what fails");
  register_check(*check_app, check);
  CLI::App* list_app = app.add_subcommand("list", "List the exercises and their tests");
  register_list(*list_app);
  CLI::App* selftest_app = app.add_subcommand(
      "selftest", "Check the course: model answers pass, starter files fail, mistakes are caught");
  register_selftest(*selftest_app, selftest);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsageError;
  }
  try {
    if (check_app->parsed()) return run_check(common, check);
    if (list_app->parsed()) return run_list(common);
    return run_selftest(common, selftest);
  } catch (const grader::ConfigError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kUsageError;
  } catch (const grader::GraderError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kUnresolved;
  } catch (const std::exception& e) {
    std::cerr << "grader: internal error: " << e.what() << "\n";
    return kUnresolved;
  }
}
