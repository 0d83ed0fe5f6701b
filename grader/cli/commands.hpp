#pragma once
// The subcommands. Each has an options struct filled by CLI11, a register
// function that declares its flags, and a run function that returns the exit
// code. main() holds the only catch: a usage error is thrown (UsageError,
// ConfigError), never printed where it is found.
//
// Exit codes: model/exit_code.hpp (0 all passed, 1 not all passed, 2 usage
// error, 3 graded but some test unresolved, 4 could not grade).

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/exit_code.hpp"

namespace grader::cli {

/// Options every command shares.
struct CommonOptions {
  std::string course_dir;        ///< --course; default: found from the current folder
  std::string work_dir;          ///< --work-dir; default: <course>/.grader
  bool allow_advisory = false;   ///< --allow-advisory: batch and ci accept weak isolation
  std::string sandbox = "auto";  ///< --sandbox auto|bubblewrap|process
  std::string lang;              ///< --lang en|es; default: the locale, else the course's
  std::filesystem::path grader_binary;
  /// The languages of the user's locale (preferred_languages), read before
  /// main() chose the first messages' language (which sets LANGUAGE).
  std::vector<std::string> locale_languages;
};

/// A subcommand: declared on the top-level app, run once it is the one parsed.
struct Subcommand {
  CLI::App* app;
  std::function<int()> run;  ///< returns the exit code
};

// Each command declares its flags on a new subcommand of `parent` and keeps
// its options to itself; `common` is main()'s and outlives the call.
Subcommand add_check(CLI::App& parent, const CommonOptions& common);
Subcommand add_ci(CLI::App& parent, const CommonOptions& common);
Subcommand add_list(CLI::App& parent, const CommonOptions& common);
Subcommand add_release(CLI::App& parent, const CommonOptions& common);
Subcommand add_selftest(CLI::App& parent, const CommonOptions& common);
Subcommand add_doctor(CLI::App& parent, const CommonOptions& common);
Subcommand add_validate(CLI::App& parent, const CommonOptions& common);
Subcommand add_batch(CLI::App& parent, const CommonOptions& common);
Subcommand add_merge(CLI::App& parent, const CommonOptions& common);
Subcommand add_gradescope_package(CLI::App& parent, const CommonOptions& common);

}  // namespace grader::cli
