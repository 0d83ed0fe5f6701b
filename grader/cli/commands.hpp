#pragma once
// The subcommands. Each has an options struct filled by CLI11, a register
// function that declares its flags, and a run function that returns the exit
// code. main() holds the only catch.
//
// Exit codes:
//   0  everything graded passed (selftest: every check holds)
//   1  grading finished, but not everything passed
//   2  usage or configuration error (bad flags, bad assignments.yaml)
//   3  the grader could not do its job (a test is unresolved, the kit is missing)

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace grader::cli {

enum ExitCode { kAllPassed = 0, kNotAllPassed = 1, kUsageError = 2, kUnresolved = 3 };

/// Options every command shares.
struct CommonOptions {
  std::string course_dir;        ///< --course; default: found from the current folder
  std::string work_dir;          ///< --work-dir; default: <course>/.grader
  bool allow_advisory = false;   ///< --allow-advisory: batch and ci accept weak isolation
  std::string sandbox = "auto";  ///< --sandbox auto|bubblewrap|process
  std::string lang;              ///< --lang en|es; default: the locale, else the course's
  std::filesystem::path grader_binary;
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

}  // namespace grader::cli
