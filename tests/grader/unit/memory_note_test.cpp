// A test stopped by its memory limit says so: through the run's memory cgroup
// (its OOM events, or a peak at the limit where RLIMIT_AS refused first), or
// through the std::bad_alloc the student's driver died of.
#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "run/trial_interpreter.hpp"
#include "sandbox/cgroup.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;

ProcessResult harness_said(const std::string& outcome, const std::string& message) {
  ProcessResult p;
  p.termination = Termination::exited;
  p.status = {true, 1, 0};
  p.channels[3] = "{\"test\":\"p.a\",\"outcome\":\"" + outcome + "\",\"message\":\"" + message +
                  "\",\"duration_ms\":7}\n";
  return p;
}

const Limits kLimits{.timeout = std::chrono::milliseconds(20'000)};
const std::string kBadAlloc =
    "your driver was killed by SIGABRT while running `send 5`. It printed:\\nterminate called "
    "after throwing an instance of 'std::bad_alloc'";

TEST(MemoryNote, ADriverThatDiedOfBadAllocIsNoted) {
  TrialResult trial = interpret_trial(harness_said("crashed", kBadAlloc), "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::crashed);
  EXPECT_EQ(trial.notes, std::vector<std::string>{"an allocation failed (std::bad_alloc): it "
                                                  "reached the test's memory limit (2 GiB)"});
  Limits small = kLimits;
  small.memory_bytes = 512ull << 20;
  EXPECT_EQ(interpret_trial(harness_said("failed", kBadAlloc), "p.a", small).notes.at(0),
            "an allocation failed (std::bad_alloc): it reached the test's memory limit (512 MiB)");
}

TEST(MemoryNote, OnlyOnceAndOnlyForAFailure) {
  ProcessResult noted = harness_said("crashed", kBadAlloc);
  noted.memory_limit_reached = true;  // the sandbox's cgroup saw it, and noted it
  EXPECT_TRUE(interpret_trial(noted, "p.a", kLimits).notes.empty());
  EXPECT_TRUE(
      interpret_trial(harness_said("passed", "std::bad_alloc"), "p.a", kLimits).notes.empty());
  EXPECT_TRUE(
      interpret_trial(harness_said("crashed", "killed by SIGSEGV"), "p.a", kLimits).notes.empty());
}

TEST(MemoryNote, TheSandboxsFactDecidesNotTheWordsOfItsNote) {
  // A note in another language, or any note that says "memory limit", is
  // only words: without the fact the bad_alloc note is still given.
  ProcessResult spanish = harness_said("crashed", kBadAlloc);
  spanish.notes = {"los procesos de la prueba juntos llegaron al límite de memoria (2048 MiB)"};
  spanish.memory_limit_reached = true;
  EXPECT_TRUE(interpret_trial(spanish, "p.a", kLimits).notes.empty());
  ProcessResult words_only = harness_said("crashed", kBadAlloc);
  words_only.notes = {"the test's processes together reached the memory limit (2048 MiB)"};
  EXPECT_EQ(interpret_trial(words_only, "p.a", kLimits).notes.size(), 1u);
}

class CgroupPeak : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("cgroup_peak");
    fs::remove_all(root_);
    fs::create_directories(root_ / "ipclab");
  }
  void TearDown() override { fs::remove_all(root_); }

  bool hit_with_peak(const std::string& file, std::uint64_t peak, int version = 2) {
    fs::path parent = version == 2 ? root_ / "ipclab" : root_ / "memory" / "ipclab";
    fs::create_directories(parent);
    RunCgroup cgroup({version, root_, false, true, ""}, "g1-1", {0, 1000ull << 20});
    std::ofstream(parent / "g1-1" / file) << peak << "\n";
    return cgroup.hit_memory_limit();
  }

  fs::path root_;
};

TEST_F(CgroupPeak, APeakAtTheLimitIsAHitWhereRlimitAsRefusedFirst) {
  EXPECT_TRUE(hit_with_peak("memory.peak", 950ull << 20));
  EXPECT_FALSE(hit_with_peak("memory.peak", 500ull << 20));
  EXPECT_TRUE(hit_with_peak("memory.max_usage_in_bytes", 990ull << 20, 1));
  EXPECT_FALSE(hit_with_peak("memory.max_usage_in_bytes", 100ull << 20, 1));
}

}  // namespace
}  // namespace grader
