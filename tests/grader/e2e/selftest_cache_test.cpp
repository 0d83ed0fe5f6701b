// `grader selftest --compiler-cache DIR` end to end: a second selftest in a
// fresh work folder with the same cache (what the Spanish selftest of ctest
// does after the English one) compiles nothing and checks the same; a cache
// folder that cannot be made is a usage error that names it. On a copy of the
// course with two of pipe_ping_pong's mistakes, to keep it short.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "e2e_support.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kRoot = fs::path(e2e::work_dir()) / "selftest-cache";
const fs::path kCourse = kRoot / "course";

/// A copy of the course whose only mistakes are two of pipe_ping_pong's.
void copy_course() {
  fs::remove_all(kRoot);
  fs::create_directories(kCourse / "tests/mistakes/pipe_ping_pong");
  fs::copy_file(kSource / "assignments.yaml", kCourse / "assignments.yaml");
  for (const char* folder : {"exercises", "solutions", "cmake"})
    fs::copy(kSource / folder, kCourse / folder, fs::copy_options::recursive);
  for (const char* mistake : {"host_byte_order", "no_framing"}) {
    fs::copy(kSource / "tests/mistakes/pipe_ping_pong" / mistake,
             kCourse / "tests/mistakes/pipe_ping_pong" / mistake, fs::copy_options::recursive);
  }
}

/// `grader selftest pipe_ping_pong ARGS` on the copy, in `work_dir`.
e2e::GraderRun selftest(const fs::path& work_dir, const std::vector<std::string>& args) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course", kCourse.string(), "--work-dir",    work_dir.string(), "--lang",
               "en",       "selftest",       "pipe_ping_pong"};
  spec.args.insert(spec.args.end(), args.begin(), args.end());
  for (const char* name : {"PATH", "HOME"}) {
    if (const char* value = std::getenv(name)) spec.env.push_back(std::string(name) + "=" + value);
  }
  ipclab::exec::RunOptions options;
  options.wall_time = 900s;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  return {result.status.exit_code, result.out, result.err, {}};
}

/// The selftest's own figure on stderr: {reused, compiles}; {-1, -1} when it printed none.
std::pair<long long, long long> cache_figure(const std::string& err, const fs::path& cache) {
  const std::regex line(
      "grader: selftest: compiler cache: ([0-9]+) of ([0-9]+) compiles reused \\(" +
      cache.string() + "\\)\n");
  std::smatch match;
  if (!std::regex_search(err, match, line)) return {-1, -1};
  return {std::stoll(match[1]), std::stoll(match[2])};
}

/// The report without the checks' details: one line per check and the total.
std::string checks_of(const std::string& report) {
  std::istringstream lines(report);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("        ", 0) != 0) kept += line + "\n";
  }
  return kept;
}

/// ccache's own count of compiles that ran (were not reused) in `cache`.
long long cache_misses(const fs::path& cache) {
  return e2e::ccache_counters(cache.string()).misses;
}

TEST(SelftestCompilerCache, ASecondSelftestWithTheSameCacheCompilesNothing) {
  copy_course();
  const fs::path cache = kRoot / "ccache-pipe_ping_pong";
  const e2e::GraderRun first = selftest(kRoot / "work-en", {"--compiler-cache", cache.string()});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_THAT(first.out, HasSubstr("selftest: 4/4 checks passed"));
  auto [reused, compiles] = cache_figure(first.err, cache);
  EXPECT_GT(compiles, 0) << first.err;
  EXPECT_LT(reused, compiles) << "a cold cache compiles";
  const long long misses = cache_misses(cache);
  EXPECT_EQ(misses, compiles - reused);

  // A fresh work folder (every workspace configured and built again), the same cache.
  const e2e::GraderRun second = selftest(kRoot / "work-es", {"--compiler-cache", cache.string()});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(checks_of(second.out), checks_of(first.out)) << "the cache changes no check";
  auto [reused_again, compiles_again] = cache_figure(second.err, cache);
  // How many compiles depends on which slot grades which mistake; every one is reused.
  EXPECT_GT(compiles_again, 0) << second.err;
  EXPECT_EQ(reused_again, compiles_again) << "every compile came from the cache";
  EXPECT_EQ(cache_misses(cache), misses) << "ccache compiled nothing more";
  EXPECT_FALSE(fs::exists(kRoot / "work-es" / "ccache")) << "the named cache, not the default";
}

TEST(SelftestCompilerCache, ACacheFolderThatCannotBeMadeIsAUsageError) {
  copy_course();
  std::ofstream(kRoot / "a-file") << "not a folder\n";
  const fs::path bad = kRoot / "a-file" / "ccache";
  const e2e::GraderRun run = selftest(kRoot / "work", {"--compiler-cache", bad.string()});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("grader: error: --compiler-cache: cannot create the compiler "
                                 "cache " +
                                 bad.string()));
  EXPECT_EQ(run.out, "") << "nothing graded";

  const e2e::GraderRun both =
      selftest(kRoot / "work", {"--compiler-cache", bad.string(), "--no-compiler-cache"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
  EXPECT_THAT(both.err, HasSubstr("--no-compiler-cache"));
}

}  // namespace
