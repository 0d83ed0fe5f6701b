#include "run/runner.hpp"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "fake_process_runner.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

TestRun pipe_run(int trials) {
  TestRun run;
  run.exercise_id = "pipe";
  run.test_id = "wire";
  run.harness = "/kit/pipe_harness";
  run.student_driver = "/ws/pipe_student";
  run.reference_driver = "/kit/pipe_reference";
  run.limits.timeout = std::chrono::milliseconds(7000);
  run.limits.memory_bytes = 1 << 30;
  run.trials = trials;
  run.rerun = {{"env", "X=1", "/kit/pipe_harness"}, {}};
  return run;
}

std::string record(const std::string& outcome) {
  return "{\"test\":\"pipe.wire\",\"outcome\":\"" + outcome +
         "\",\"message\":\"m\",\"duration_ms\":3}\n";
}

class TestRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("runner_test");
    fs::remove_all(root_);
    fs::create_directories(root_ / "shm");
  }
  RunContext context() { return {"g1", root_ / "runs", {root_ / "shm", root_ / "mq"}, sandbox_}; }
  fs::path root_;
  FakeProcessRunner runner_;
  const Sandbox sandbox_ = Sandbox::process_only();  ///< the runner's own layer only
};

TEST_F(TestRunnerTest, RunsTheHarnessForOneTestInAPrivateFolderWithACleanEnvironment) {
  runner_.then(FakeProcessRunner::exited(0, "", record("passed")));
  TestRunner tests(runner_, context());
  TestResult result = tests.run(pipe_run(1));
  ASSERT_EQ(runner_.calls.size(), 1u);
  const auto& call = runner_.calls[0];
  fs::path dir = root_ / "runs" / "pipe.wire.1";
  EXPECT_EQ(call.spec.executable, "/kit/pipe_harness");
  EXPECT_EQ(call.spec.args,
            (std::vector<std::string>{"--gtest_filter=pipe.wire", "--gtest_brief=1"}));
  EXPECT_EQ(call.spec.env,
            (std::vector<std::string>{
                "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + dir.string(),
                "TMPDIR=" + dir.string(), "IPCLAB_PREFIX=ipclab_g1_1_", "IPCLAB_RESULT_FD=3",
                "IPCLAB_STUDENT_DRIVER=/ws/pipe_student",
                "IPCLAB_REFERENCE_DRIVER=/kit/pipe_reference", "IPCLAB_TEST_TIMEOUT_MS=7000"}));
  EXPECT_EQ(call.spec.working_dir, dir);
  EXPECT_TRUE(call.spec.subreaper);
  EXPECT_EQ(call.spec.limits.address_space_bytes, 1u << 30);
  EXPECT_EQ(call.options.wall_time.count(), 7000);
  EXPECT_EQ(call.options.capture_fds, std::vector<int>{3});
  ASSERT_EQ(result.trials.size(), 1u);
  EXPECT_EQ(result.trials[0].outcome, Outcome::passed);
  EXPECT_EQ(result.rerun, "env X=1 /kit/pipe_harness");
  EXPECT_FALSE(fs::exists(dir)) << "the private folder is removed afterwards";
}

TEST_F(TestRunnerTest, WithASlotStudentAndReferenceDriversGetTwoDifferentUids) {
  TestRunner tests(runner_, context());
  UidSlot slot(4000, 5024, ipclab::exec::UniqueFd());
  ipclab::exec::ProcessSpec spec =
      tests.harness_spec(pipe_run(1), root_ / "runs" / "x", "ipclab_g1_1_", &slot);
  EXPECT_THAT(spec.env, ::testing::IsSupersetOf({std::string("IPCLAB_DRIVER_UID=4000"),
                                                 std::string("IPCLAB_REFERENCE_UID=5024")}));
  ipclab::exec::ProcessSpec without =
      tests.harness_spec(pipe_run(1), root_ / "runs" / "x", "ipclab_g1_1_", nullptr);
  for (const std::string& entry : without.env)
    EXPECT_EQ(entry.find("_UID="), std::string::npos) << entry;
}

TEST_F(TestRunnerTest, ASanitizedRunHasNoAddressSpaceLimitAndGetsTheSanitizerOptions) {
  runner_.then(FakeProcessRunner::exited(0, "", record("passed")));
  TestRun run = pipe_run(1);
  run.sanitized = true;
  run.environment = {"ASAN_OPTIONS=a=1", "UBSAN_OPTIONS=b=2"};
  TestRunner tests(runner_, context());
  tests.run(run);
  const auto& spec = runner_.calls.at(0).spec;
  EXPECT_EQ(spec.limits.address_space_bytes, 0u) << "ASan cannot start under RLIMIT_AS";
  ASSERT_EQ(spec.env.size(), 11u);
  EXPECT_EQ(spec.env[9], "ASAN_OPTIONS=a=1");
  EXPECT_EQ(spec.env[10], "UBSAN_OPTIONS=b=2");
  EXPECT_EQ(spec.limits.cpu_time, run.limits.cpu_time) << "the other limits stay";
}

TEST_F(TestRunnerTest, ASandboxShowsTheKitsCatalogsToAHarnessThatSpeaksALanguage) {
  fs::create_directories(root_ / "build" / "kit");
  fs::create_directories(root_ / "build" / "share" / "locale");
  TestRun run = pipe_run(1);
  run.harness = root_ / "build" / "kit" / "pipe_harness";
  SandboxView english = harness_view(run, root_ / "runs" / "x", "");
  EXPECT_THAT(english.read_only,
              ::testing::Not(::testing::Contains(root_ / "build" / "share" / "locale")));
  run.environment = {"IPCLAB_LANGUAGE=es"};
  SandboxView spanish = harness_view(run, root_ / "runs" / "x", "");
  EXPECT_THAT(spanish.read_only, ::testing::Contains(root_ / "build" / "share" / "locale"))
      << "the harness finds its catalogs above its kit folder (i18n::kit_locale_dir)";
}

TEST_F(TestRunnerTest, EveryTrialGetsItsOwnPrefixAndATimeoutStopsThem) {
  runner_.then(FakeProcessRunner::exited(0, "", record("passed")));
  ipclab::exec::ProcessResult hang = FakeProcessRunner::exited(0);
  hang.termination = ipclab::exec::Termination::timed_out;
  runner_.then(hang);
  TestRunner tests(runner_, context());
  TestResult result = tests.run(pipe_run(5));
  ASSERT_EQ(result.trials.size(), 2u);
  EXPECT_EQ(result.trials_planned, 5);
  EXPECT_EQ(result.trials[1].outcome, Outcome::timed_out);
  EXPECT_EQ(runner_.calls[1].spec.env[4], "IPCLAB_PREFIX=ipclab_g1_2_");
}

TEST_F(TestRunnerTest, RunnersSharingTrialNumbersNeverShareAPrefix) {
  // One session grading two submissions at once (grader selftest's mistakes):
  // two runners, one run id; their trials' leftovers are swept by prefix.
  std::atomic<int> numbers{0};
  RunContext shared = context();
  shared.trial_numbers = &numbers;
  TestRunner first(runner_, shared);
  TestRunner second(runner_, shared);
  first.run(pipe_run(1));
  second.run(pipe_run(1));
  ASSERT_EQ(runner_.calls.size(), 2u);
  EXPECT_EQ(runner_.calls[0].spec.env[4], "IPCLAB_PREFIX=ipclab_g1_1_");
  EXPECT_EQ(runner_.calls[1].spec.env[4], "IPCLAB_PREFIX=ipclab_g1_2_");
  EXPECT_EQ(numbers, 2);
}

TEST_F(TestRunnerTest, ATrialsPlacesAreNamedAfterItsNumberTestAndTrial) {
  TrialPlaces places = trial_places(context(), pipe_run(3), 2, 7);
  EXPECT_EQ(places.prefix, "ipclab_g1_7_");
  EXPECT_EQ(places.dir, root_ / "runs" / "pipe.wire.2");
  EXPECT_TRUE(places.shm_dir.empty()) << "the process backend has no /dev/shm of the run's own";
  EXPECT_EQ(places.ipc.shm_dir, root_ / "shm");
  EXPECT_EQ(places.ipc.mqueue_dir, root_ / "mq");
  EXPECT_FALSE(fs::exists(places.dir)) << "pure: makes no folder";
}

TEST_F(TestRunnerTest, WithAPrivateShmATrialsLeftoversAreLookedForInItsOwnShmFolder) {
  const Sandbox bubblewrap({SandboxBackend::bubblewrap, false, "test"}, {}, {});
  RunContext context{"g1", root_ / "runs", {root_ / "shm", root_ / "mq"}, bubblewrap};
  TrialPlaces places = trial_places(context, pipe_run(1), 1, 3);
  EXPECT_EQ(places.shm_dir, root_ / "runs" / "pipe.wire.1.shm");
  EXPECT_EQ(places.ipc.shm_dir, places.shm_dir);
  EXPECT_EQ(places.ipc.mqueue_dir, root_ / "mq");
}

TEST_F(TestRunnerTest, LeftoverIpcObjectsAreNamedAndRemoved) {
  runner_.on_run = [this](const FakeProcessRunner::Call&) {
    std::ofstream(root_ / "shm" / "ipclab_g1_1_counter") << "x";
  };
  runner_.then(FakeProcessRunner::exited(0, "", record("passed")));
  TestRunner tests(runner_, context());
  TestResult result = tests.run(pipe_run(1));
  EXPECT_EQ(result.trials[0].notes,
            std::vector<std::string>{"left behind (removed): /dev/shm/ipclab_g1_1_counter"});
  EXPECT_FALSE(fs::exists(root_ / "shm" / "ipclab_g1_1_counter"));
}

}  // namespace
}  // namespace grader
