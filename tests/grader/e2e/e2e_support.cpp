#include "e2e_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compile/compiler_cache.hpp"
#include "config/course_loader.hpp"
#include "config/edited_submission.hpp"
#include "exec/process_runner.hpp"

namespace e2e {

using namespace std::chrono_literals;
using nlohmann::json;

namespace {

/// `grader LEADING ARGS` with PATH, HOME and `env`.
GraderRun run_grader(std::vector<std::string> leading, const std::vector<std::string>& args,
                     const std::vector<std::string>& env) {
  static ipclab::exec::SystemProcessRunner runner;
  // The pid: tests of different folders may run at once, and a test's seed is 0.
  std::string json_file = work_dir() + "/report-" + std::to_string(::getpid()) + ".json";
  std::filesystem::remove(json_file);
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = std::move(leading);
  spec.args.insert(spec.args.end(), args.begin(), args.end());
  if (args.at(0) == "check") {
    spec.args.push_back("--json");
    spec.args.push_back(json_file);
  }
  for (const char* name : {"PATH", "HOME"}) {
    if (const char* value = std::getenv(name)) spec.env.push_back(std::string(name) + "=" + value);
  }
  spec.env.insert(spec.env.end(), env.begin(), env.end());
  ipclab::exec::RunOptions options;
  options.wall_time = 600s;
  options.output_cap_bytes = 8 << 20;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  GraderRun run{result.status.exit_code, result.out, result.err, {}};
  if (std::ifstream in(json_file); in) run.report = json::parse(in);
  return run;
}

}  // namespace

const std::string& work_dir() {
  static const std::string dir = [] {
    const char* set = std::getenv("IPCLAB_E2E_WORK_DIR");
    std::string chosen = set != nullptr && *set != '\0' ? set : IPCLAB_E2E_DEFAULT_WORK_DIR;
    std::filesystem::create_directories(chosen);
    return chosen;
  }();
  return dir;
}

GraderRun grader(std::vector<std::string> args, const std::string& course) {
  // The tests read English; the course's own language is Spanish (language_test: both).
  return run_grader({"--course", course, "--work-dir", work_dir(), "--lang", "en"}, args, {});
}

GraderRun grader_choosing_language(std::vector<std::string> args,
                                   const std::vector<std::string>& env) {
  return run_grader({"--course", IPCLAB_SOURCE_DIR, "--work-dir", work_dir()}, args, env);
}

std::string submission(const std::string& name) {
  const std::string relative = "tests/grader/e2e/submissions/" + name + ".yaml";
  const grader::Course course = grader::load_course(IPCLAB_SOURCE_DIR);
  const grader::EditedSubmission edited = grader::load_edited_submission(
      std::string(IPCLAB_SOURCE_DIR) + "/" + relative, relative, course);
  const std::string dir = work_dir() + "/submissions/" + name;
  grader::write_edited_submission(edited, course, dir);
  return dir;
}

const json& test_of(const json& report, const std::string& id) {
  for (const json& test : report.at("exercises").at(0).at("tests")) {
    if (test.at("id") == id) return test;
  }
  throw std::runtime_error("no test " + id + " in the report");
}

void expect_others_passed(const json& report, const std::set<std::string>& except) {
  for (const json& test : report.at("exercises").at(0).at("tests")) {
    if (except.count(test.at("id"))) continue;
    EXPECT_EQ(test.at("outcome"), "passed") << test.at("id") << ": " << test.at("message");
  }
}

CcacheCounters ccache_counters(const std::string& dir) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/usr/bin/env";
  spec.args = {"ccache", "--print-stats"};
  spec.env = {"CCACHE_DIR=" + dir, "PATH=/usr/bin:/bin"};
  ipclab::exec::ProcessResult result = runner.run(spec, {});
  EXPECT_EQ(result.status.exit_code, 0) << "ccache is missing: ./lab test installs it\n"
                                        << result.err;
  const ::grader::CacheStats stats = ::grader::parse_cache_stats(result.out);
  return {stats.reused, stats.compiled};
}

}  // namespace e2e
