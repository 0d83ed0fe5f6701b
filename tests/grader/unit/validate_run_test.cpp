// grader validate: the kit's harnesses listed, every check gathered.
#include "validate/validation_run.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "batch_fixtures.hpp"
#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::FakeProcessRunner;
using ::testing::HasSubstr;

TEST(ValidateRun, ListsTheTestsAHarnessDeclares) {
  testing::ScratchDir scratch;
  scratch.write("counter_harness", "");
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "counter.\n  increments\n  DISABLED_slow\n"));
  HarnessListing listing = list_harness(runner, Kit{scratch.path()}, "counter");
  EXPECT_EQ(listing.exercise_id, "counter");
  EXPECT_THAT(listing.tests, ElementsAre("counter.increments"));
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.command_lines()[0],
            (scratch.path() / "counter_harness").string() + " --gtest_list_tests");
}

TEST(ValidateRun, AMissingOrFailingHarnessStopsTheRun) {
  testing::ScratchDir scratch;
  FakeProcessRunner runner;
  EXPECT_THROW(list_harness(runner, Kit{scratch.path()}, "counter"), GraderError);
  EXPECT_TRUE(runner.calls.empty());
  scratch.write("counter_harness", "");
  ipclab::exec::ProcessResult failed = FakeProcessRunner::exited(1);
  failed.err = "cannot load\nmore";
  runner.then(failed);
  try {
    list_harness(runner, Kit{scratch.path()}, "counter");
    ADD_FAILURE() << "a failing harness was listed";
  } catch (const GraderError& e) {
    EXPECT_EQ(std::string(e.what()), (scratch.path() / "counter_harness").string() +
                                         " --gtest_list_tests failed: cannot load");
  }
}

/// The course of batch_fixtures in `scratch`, its harnesses in <scratch>/kit.
Course course_in(const testing::ScratchDir& scratch) {
  Course course = testing::batch_course();
  course.root = scratch.path();
  scratch.write("kit/counter_harness", "");
  scratch.write("kit/pipe_ping_pong_harness", "");
  return course;
}

TEST(ValidateRun, GathersTheProblemsOfTheExercisesAsked) {
  testing::ScratchDir scratch;
  const Course course = course_in(scratch);
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "counter.\n  increments\n"));
  std::ostringstream notes;
  ValidationSummary summary =
      validate_course(course, Kit{scratch.path() / "kit"}, runner, {"counter"}, notes);
  EXPECT_THAT(summary.ids, ElementsAre("counter"));
  EXPECT_EQ(runner.calls.size(), 1u) << "only the harness of the exercise asked";
  EXPECT_EQ(summary.exercises, 2u);
  EXPECT_EQ(summary.tests, 5u);
  EXPECT_THAT(summary.problems, Contains(HasSubstr("write solutions/counter/counter.cpp")))
      << "no model answer on disk";
}

TEST(ValidateRun, ChecksEveryExerciseWhenNoneIsNamed) {
  testing::ScratchDir scratch;
  const Course course = course_in(scratch);
  FakeProcessRunner runner;
  std::ostringstream notes;
  ValidationSummary summary =
      validate_course(course, Kit{scratch.path() / "kit"}, runner, {}, notes);
  EXPECT_THAT(summary.ids, ElementsAre("pipe_ping_pong", "counter"));
  EXPECT_EQ(runner.calls.size(), 2u);
}

TEST(ValidateRun, SaysWhatItCheckedOnOneLine) {
  ValidationSummary summary;
  summary.ids = {"pipe", "counter"};
  summary.exercises = 2;
  summary.tests = 5;
  summary.mistakes = 4;
  summary.clauses = 7;
  EXPECT_EQ(validity_line(summary),
            "assignments.yaml is valid: 2 exercises, 5 tests, 4 mistakes, 7 contract clauses "
            "each checked by a test; the harnesses of pipe, counter agree with it\n");
}

}  // namespace
}  // namespace grader
