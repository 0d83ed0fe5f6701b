// The grader's own tools: their output when they succeed, and a one-line
// reason that says why when they do not.
#include "run/tool_run.hpp"

#include <gtest/gtest.h>

#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

using namespace std::chrono_literals;
using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;
using testing::FakeProcessRunner;

std::string failure_of(ProcessResult result) {
  FakeProcessRunner runner;
  runner.then(std::move(result));
  try {
    run_tool(runner, {}, 5s, "`tar` failed");
  } catch (const GraderError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ToolRun, ReturnsTheOutputWithinTheDeadlineItWasGiven) {
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "listing\n"));
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/usr/bin/tar";
  EXPECT_EQ(run_tool(runner, spec, 30s, "unused"), "listing\n");
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.calls[0].options.wall_time, 30s);
  EXPECT_FALSE(runner.calls[0].options.snapshot_on_timeout) << "a trusted tool: no process survey";
}

TEST(ToolRun, AFailureSaysTheFirstLineOnStderr) {
  ProcessResult failed = FakeProcessRunner::exited(2);
  failed.err = "tar: cannot open\ntar: Error is not recoverable";
  EXPECT_EQ(failure_of(failed), "`tar` failed: tar: cannot open");
}

TEST(ToolRun, ASilentFailureSaysHowItEnded) {
  EXPECT_EQ(failure_of(FakeProcessRunner::exited(3)),
            "`tar` failed: exit code 3, nothing on stderr");
  ProcessResult killed;
  killed.termination = Termination::signaled;
  killed.status = {false, -1, 9};
  EXPECT_EQ(failure_of(killed), "`tar` failed: killed by signal 9");
  ProcessResult slow;
  slow.termination = Termination::timed_out;
  slow.wall_time = 5000ms;
  EXPECT_EQ(failure_of(slow), "`tar` failed: still running after 5 s, stopped");
  ProcessResult loud;
  loud.termination = Termination::output_limit;
  EXPECT_NE(failure_of(loud).find("more output than the grader keeps"), std::string::npos);
}

TEST(ToolRun, AZeroExitIsNotEnoughWhenItWasStopped) {
  ProcessResult slow = FakeProcessRunner::exited(0);
  slow.termination = Termination::timed_out;
  EXPECT_NE(failure_of(slow), "(no error)") << "stopped at the deadline: its output is partial";
}

}  // namespace
}  // namespace grader
