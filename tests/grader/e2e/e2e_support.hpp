#pragma once
// What the end-to-end tests share: running the grader binary on the course
// with the e2e work folder, and reading its JSON report.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace e2e {

struct GraderRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  nlohmann::json report;
};

/// The e2e work folder: $IPCLAB_E2E_WORK_DIR when set (ctest gives each
/// group of suites a folder of its own, so groups run at the same time), else
/// build/<preset>/e2e-work. Tests of one folder share its workspaces and run
/// one at a time (ctest RESOURCE_LOCK).
const std::string& work_dir();

/// Runs `grader ARGS` on `course` with the e2e work folder; for `check`, adds
/// --json and reads the report back.
GraderRun grader(std::vector<std::string> args, const std::string& course = IPCLAB_SOURCE_DIR);

/// As grader(), but without --lang and with `env` ("LANG=en_US.UTF-8") added
/// to its environment: the grader chooses the language itself.
GraderRun grader_choosing_language(std::vector<std::string> args,
                                   const std::vector<std::string>& env);

/// The submission tests/grader/e2e/submissions/<name>.yaml describes (edits
/// of the model answers or the starter files), written to the e2e work
/// folder; returns that folder. Throws ConfigError when an edit no longer
/// applies.
std::string submission(const std::string& name);

/// The test `id` of the report's first exercise.
const nlohmann::json& test_of(const nlohmann::json& report, const std::string& id);

/// Every test but `except` passed: the damage stayed where it was done.
void expect_others_passed(const nlohmann::json& report, const std::set<std::string>& except);

/// ccache's counters of the cache in `dir` (`ccache --print-stats`).
struct CcacheCounters {
  long long hits = 0;    ///< direct and preprocessed hits
  long long misses = 0;  ///< compiles that ran
};
CcacheCounters ccache_counters(const std::string& dir);

}  // namespace e2e
