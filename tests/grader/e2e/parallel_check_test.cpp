// `grader check --jobs`, end to end: tests running at once give the report of
// tests run one by one, and a test that must run alone (trials, timing) had
// nothing running beside it, as the timeline the grader records shows.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"

namespace {

using nlohmann::json;
using namespace e2e;

/// `text` without the IPC name prefixes of its runs ("ipclab_g4242_17_"):
/// made of the grader's pid and the order the runs started in, they differ
/// from one grading to the next whatever the jobs.
std::string without_run_prefixes(const std::string& text) {
  static const std::regex prefix("ipclab_g[0-9]+_[0-9]+_");
  return std::regex_replace(text, prefix, "ipclab_<run>_");
}

/// `report` as text without what differs from grading to grading of the same
/// files: how long each test took, and the runs' IPC prefixes.
std::string comparable(json report) {
  for (json& exercise : report.at("exercises")) {
    for (json& test : exercise.at("tests"))
      test.erase("duration_ms");
  }
  return without_run_prefixes(report.dump(1));
}

/// The console report without the durations that end test rows ("  12 ms",
/// "  1.4 s"), the padding before them included, and without run prefixes.
std::string comparable(const std::string& console) {
  static const std::regex duration(R"( +[0-9]+(\.[0-9])? (ms|s)\n)");
  return without_run_prefixes(std::regex_replace(console, duration, "\n"));
}

std::set<std::string> outcomes(const json& report) {
  std::set<std::string> found;
  for (const json& exercise : report.at("exercises")) {
    for (const json& test : exercise.at("tests"))
      found.insert(test.at("outcome").get<std::string>());
  }
  return found;
}

json read_json(const std::string& file) {
  std::ifstream in(file);
  return json::parse(in);
}

bool overlap(const json& a, const json& b) {
  return a.at("start_us").get<long long>() < b.at("end_us").get<long long>() &&
         b.at("start_us").get<long long>() < a.at("end_us").get<long long>();
}

/// The runs of `timeline` that ran beside the exclusive run `index`.
std::vector<std::string> company_of(const json& runs, std::size_t index) {
  std::vector<std::string> found;
  for (std::size_t other = 0; other < runs.size(); ++other) {
    if (other != index && overlap(runs.at(index), runs.at(other)))
      found.push_back(runs.at(other).at("test").get<std::string>());
  }
  return found;
}

TEST(GraderParallelCheck, TwoJobsGiveTheReportOfOneJobAndExclusiveTestsRunAlone) {
  const std::string dir = submission("mixed");
  const std::string timeline = std::string(e2e::work_dir()) + "/timeline-jobs-2.json";
  std::filesystem::remove(timeline);
  const std::vector<std::string> check = {
      "check",   "pipe_ping_pong", "locked_shared_counter", "--all",
      "--color", "never",          "--submission",          dir};
  std::vector<std::string> one_job = check;
  one_job.insert(one_job.end(), {"--jobs", "1"});
  std::vector<std::string> two_jobs = check;
  two_jobs.insert(two_jobs.end(), {"--jobs", "2", "--timeline", timeline});

  GraderRun one = grader(one_job);
  GraderRun two = grader(two_jobs);
  ASSERT_FALSE(one.report.is_null()) << one.err;
  ASSERT_FALSE(two.report.is_null()) << two.err;
  EXPECT_EQ(outcomes(one.report), (std::set<std::string>{"passed", "failed", "crashed"}))
      << "the fixture mixes passes, failures and a crash";
  EXPECT_EQ(two.exit_code, one.exit_code) << two.err;
  EXPECT_EQ(comparable(two.report), comparable(one.report));
  EXPECT_EQ(comparable(two.out), comparable(one.out)) << "in course order";

  const json runs = read_json(timeline).at("runs");
  std::size_t exclusive = 0;
  bool any_overlap = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs.at(i).at("exclusive").get<bool>()) {
      ++exclusive;
      EXPECT_EQ(company_of(runs, i), std::vector<std::string>{}) << runs.at(i).at("test");
    } else {
      any_overlap = any_overlap || !company_of(runs, i).empty();
    }
  }
  EXPECT_GE(exclusive, 3u) << "ping_pong_game, increment_with_reference, run_increments, ...";
  EXPECT_TRUE(any_overlap) << "with two jobs, some tests ran at once";
}

TEST(GraderParallelCheck, JobsMustBeAPositiveNumber) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--jobs", "0"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, ::testing::HasSubstr("--jobs"));
}

}  // namespace
