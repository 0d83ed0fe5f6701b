// grader batch around BatchRun: what it grades, with which settings, what it
// tells at the end and how it exits.
#include "batch/class_batch.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "batch_fixtures.hpp"
#include "config/config_error.hpp"
#include "model/exit_code.hpp"
#include "model/usage_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(BatchClassBatch, ExitsByHowTheClassWentAndBySignalWhenInterrupted) {
  BatchTally tally;
  EXPECT_EQ(batch_exit_code(tally, 0), kAllPassed);
  tally.errors = 1;
  EXPECT_EQ(batch_exit_code(tally, 0), kNotAllPassed);
  tally.unresolved = 1;
  EXPECT_EQ(batch_exit_code(tally, 0), kUnresolved);
  tally.interrupted = true;
  EXPECT_EQ(batch_exit_code(tally, 15), 128 + 15);
}

TEST(BatchClassBatch, TellsTheTallyAndWhereTheResultsAre) {
  BatchTally tally;
  tally.students = 3;
  tally.graded = 1;
  tally.skipped = 1;
  tally.errors = 1;
  tally.unresolved = 1;
  tally.regrade_lines = {"alice: wire_format passed -> failed"};
  std::ostringstream out, log;
  report_tally(tally, "/out", out, log);
  EXPECT_EQ(out.str(), "alice: wire_format passed -> failed\n");
  EXPECT_EQ(log.str(),
            "grader: batch: 3 submissions: 1 graded, 1 unchanged (kept), 1 could not be graded, 1 "
            "with unresolved tests\n"
            "grader: batch: results in /out (gradebook.csv, summary.md, report.html)\n");
}

TEST(BatchClassBatch, SaysHowToResumeWhenInterrupted) {
  BatchTally tally;
  tally.students = 1;
  tally.interrupted = true;
  std::ostringstream out, log;
  report_tally(tally, "/out", out, log);
  EXPECT_EQ(log.str(),
            "grader: batch: 1 submission: 0 graded, 0 unchanged (kept), 0 could not be graded\n"
            "grader: batch interrupted: finished results are kept in /out/students; run the same "
            "command again to resume\n");
}

TEST(BatchClassBatch, WantsExactlyOneOfAFolderAndARosterAsAUsageError) {
  BatchRequest request;
  EXPECT_THROW(requested_sources(request), UsageError);
  request.submissions = "/subs";
  request.roster = "/roster.csv";
  try {
    requested_sources(request);
    ADD_FAILURE() << "accepted both";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "grader batch: give either a folder of submissions or --roster FILE (one of the "
              "two)");
  }
}

TEST(BatchClassBatch, GradesOnlyItsShardsSlice) {
  testing::ScratchDir scratch;
  for (int i = 0; i < 20; ++i)
    scratch.write("subs/student" + std::to_string(i) + "/counter.cpp", "int x;\n");
  BatchRequest request;
  request.submissions = (scratch.path() / "subs").string();
  EXPECT_EQ(requested_sources(request).size(), 20u);
  EXPECT_FALSE(requested_shard(request));
  request.shard = "2/3";
  std::vector<SubmissionSource> mine = requested_sources(request);
  EXPECT_LT(mine.size(), 20u);
  for (const SubmissionSource& source : mine)
    EXPECT_EQ(shard_of(source.student, 3), 2);
  request.shard = "4/3";
  EXPECT_THROW(requested_sources(request), ConfigError);
}

TEST(BatchClassBatch, SettingsComeFromTheRequestTheCourseAndTheKit) {
  testing::ScratchDir scratch;
  Course course = testing::batch_course();
  course.root = scratch.path();
  scratch.write("assignments.yaml", "course: x\n");
  BatchRequest request;
  request.out = "out";
  request.exercises = {"counter"};
  request.tests = {"inc*"};
  request.jobs = 3;
  request.regrade = true;
  request.gradebook = "canvas";
  BatchSettings settings = batch_settings(request, course, "/work", "kit-1", "bubblewrap");
  EXPECT_EQ(settings.out_dir, fs::absolute("out"));
  EXPECT_EQ(settings.staging_dir, fs::path("/work/batch/submissions"));
  EXPECT_EQ(settings.selection.exercise_ids, request.exercises);
  EXPECT_TRUE(settings.selection.include_hidden);
  EXPECT_EQ(settings.sandbox, "bubblewrap");
  EXPECT_EQ(settings.jobs, 3);
  EXPECT_TRUE(settings.regrade);
  EXPECT_EQ(settings.gradebook, GradebookLayout::canvas);
  EXPECT_NE(batch_settings(request, course, "/work", "kit-2", "bubblewrap").grading,
            settings.grading);
}

TEST(BatchClassBatch, TheKitDigestFollowsTheSelectedExercisesPrograms) {
  testing::ScratchDir scratch;
  const Kit kit{scratch.path()};
  const Course course = testing::batch_course();
  scratch.write("counter_harness", "v1");
  scratch.write("pipe_ping_pong_harness", "p1");
  const std::string counter = kit_digest(kit, course, {"counter"});
  const std::string all = kit_digest(kit, course, {});
  scratch.write("pipe_ping_pong_harness", "p2");
  EXPECT_EQ(kit_digest(kit, course, {"counter"}), counter);
  EXPECT_NE(kit_digest(kit, course, {}), all);
  scratch.write("counter_harness", "v2");
  EXPECT_NE(kit_digest(kit, course, {"counter"}), counter);
}

TEST(BatchClassBatch, ForgetsAnOlderShardMarker) {
  testing::ScratchDir scratch;
  const fs::path marker = scratch.write("out/shard.json", "{}");
  forget_shard_marker((scratch.path() / "out").string());
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_NO_THROW(forget_shard_marker((scratch.path() / "none").string()));
}

}  // namespace
}  // namespace grader
