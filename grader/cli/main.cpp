// grader: builds students' IPC exercises, runs them under limits against the
// reference implementations, and scores them from assignments.yaml.
#include <cstdlib>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/usage_errors.hpp"
#include "config/language_choice.hpp"
#include "config/startup_language.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"

namespace grader::cli {
namespace {

using ipclab::i18n::tr;

std::filesystem::path self_path(const char* argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::absolute(argv0) : self;
}

/// The grader's messages in the language --lang, the locale or the course
/// names, before anything is parsed: CLI11's help and usage errors speak it.
/// Reads the locale first: choosing a language changes LANGUAGE.
void choose_startup_language(CommonOptions& common, const std::vector<std::string>& args) {
  common.locale_languages =
      preferred_languages("", [](const char* name) { return std::getenv(name); });
  auto course_language = [&args] {
    std::optional<std::string> course = option_value(args, "--course");
    return declared_course_language(course ? std::filesystem::path(*course)
                                           : std::filesystem::current_path());
  };
  const std::filesystem::path catalogs = ipclab::i18n::locale_dir_of(common.grader_binary);
  for (const std::string& language :
       startup_languages(args, common.locale_languages, course_language)) {
    if (ipclab::i18n::use_language(language, catalogs)) return;
  }
}

void add_global_options(CLI::App& app, CommonOptions& common) {
  app.require_subcommand(1);
  app.fallthrough();  // `grader check --lang es` as well as `grader --lang es check`
  app.set_version_flag("--version", "grader 0.1.0",
                       tr("Display program version information and exit"));
  app.add_option("--course", common.course_dir, tr("The course folder (default: found from here)"));
  app.add_option("--work-dir", common.work_dir,
                 tr("Where builds happen (default: <course>/.grader)"));
  app.add_flag("--allow-advisory", common.allow_advisory,
               tr("Let batch and ci grade without a real sandbox (advisory isolation only)"));
  app.add_option("--sandbox", common.sandbox,
                 tr("Isolation of builds and tests: auto (the strongest that works here), "
                    "bubblewrap, or process (advisory); see `grader doctor`"))
      ->check(CLI::IsMember({"auto", "bubblewrap", "process"}));
  app.add_option("--lang", common.lang,
                 tr("Language of reports and course texts: en or es (default: LC_ALL, "
                    "LC_MESSAGES or LANG, else the course's own)"));
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
  } catch (const grader::UsageError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kUsageError;
  } catch (const grader::GraderError& e) {
    std::cerr << "grader: error: " << e.what() << "\n";
    return kCouldNotGrade;
  } catch (const std::exception& e) {
    std::cerr << "grader: internal error: " << e.what() << "\n";
    return kCouldNotGrade;
  }
}

}  // namespace
}  // namespace grader::cli

int main(int argc, char** argv) {
  using namespace grader::cli;
  using ipclab::i18n::tr;
  CommonOptions common;
  common.grader_binary = self_path(argv[0]);
  choose_startup_language(common, std::vector<std::string>(argv + 1, argv + argc));
  CLI::App app{
      tr("grader: grades the IPC Lab exercises.\n"
         "Exit codes: 0 all passed, 1 not all passed, 2 usage or configuration error, "
         "3 graded but some test unresolved (the score is incomplete), "
         "4 could not grade (no report written).")};
  translate_cli11(app);
  add_global_options(app, common);
  const std::vector<Subcommand> commands = add_commands(app, common);
  translate_help_flags(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  }
  return run_parsed(commands);
}
