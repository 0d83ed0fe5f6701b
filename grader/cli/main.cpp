// grader: builds students' IPC exercises, runs them under limits against the
// reference implementations, and scores them from assignments.yaml.
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"

namespace {

using namespace grader;
using namespace grader::cli;

std::filesystem::path self_path(const char* argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::absolute(argv0) : self;
}

/// The options every command shares, into `common`.
void add_common_options(CLI::App& app, CommonOptions& common) {
  app.add_option("--course", common.course_dir, "The course folder (default: found from here)");
  app.add_option("--work-dir", common.work_dir, "Where builds happen (default: <course>/.grader)");
  app.add_flag("--allow-advisory", common.allow_advisory,
               "Let batch and ci grade without a real sandbox (advisory isolation only)");
  app.add_option("--sandbox", common.sandbox,
                 "Isolation of builds and tests: auto (the strongest that works here), "
                 "bubblewrap, or process (advisory); see `grader doctor`")
      ->check(CLI::IsMember({"auto", "bubblewrap", "process"}));
  app.add_option("--lang", common.lang,
                 "Language of reports and course texts: en or es (default: LC_ALL, "
                 "LC_MESSAGES or LANG, else the course's own)");
}

std::vector<Subcommand> add_commands(CLI::App& app, const CommonOptions& common) {
  return {
      add_check(app, common),    add_ci(app, common),
      add_list(app, common),     add_release(app, common),
      add_selftest(app, common), add_validate(app, common),
      add_doctor(app, common),   add_batch(app, common),
      add_merge(app, common),    add_gradescope_package(app, common),
  };
}

/// Runs the command parsed; the one place errors become exit codes: a usage
/// error (a bad option, argument or course: UsageError, ConfigError) 2, a
/// grader that could not do its job 4.
int run_parsed(const std::vector<Subcommand>& commands) {
  try {
    for (const Subcommand& command : commands) {
      if (command.app->parsed()) return command.run();
    }
    return kUsageError;  // unreachable: CLI11 requires one subcommand
  } catch (const UsageError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kUsageError;
  } catch (const GraderError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kCouldNotGrade;
  } catch (const std::exception& e) {
    std::cerr << "grader: internal error: " << e.what() << "\n";
    return kCouldNotGrade;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "grader: grades the IPC Lab exercises.\n"
      "Exit codes: 0 all passed, 1 not all passed, 2 usage or configuration error, "
      "3 graded but some test unresolved (the score is incomplete), "
      "4 could not grade (no report written)."};
  app.require_subcommand(1);
  app.fallthrough();  // `grader check --lang es` as well as `grader --lang es check`
  app.set_version_flag("--version", "grader 0.1.0");
  CommonOptions common;
  common.grader_binary = self_path(argv[0]);
  add_common_options(app, common);
  const std::vector<Subcommand> commands = add_commands(app, common);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsageError;
  }
  return run_parsed(commands);
}
