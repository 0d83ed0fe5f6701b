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
#include <string>
#include <vector>

namespace grader::cli {

enum ExitCode { kAllPassed = 0, kNotAllPassed = 1, kUsageError = 2, kUnresolved = 3 };

/// Options every command shares.
struct CommonOptions {
  std::string course_dir;  ///< --course; default: found from the current folder
  std::string work_dir;    ///< --work-dir; default: <course>/.grader
  std::filesystem::path grader_binary;
};

struct CheckOptions {
  std::vector<std::string> exercises;
  std::vector<std::string> tests;
  std::string json_file;
  std::string submission;
  bool hidden = false;
  std::string color = "auto";
  bool verbose = false;
};

struct SelftestOptions {
  std::vector<std::string> exercises;
};

void register_check(CLI::App& app, CheckOptions& options);
void register_list(CLI::App& app);
void register_selftest(CLI::App& app, SelftestOptions& options);

int run_check(const CommonOptions& common, const CheckOptions& options);
int run_list(const CommonOptions& common);
int run_selftest(const CommonOptions& common, const SelftestOptions& options);

}  // namespace grader::cli
