#include "run/trial_interpreter.hpp"

#include <gtest/gtest.h>
#include <sys/syscall.h>

#include "in_language.hpp"
#include "sandbox/tree_facts.hpp"

namespace grader {
namespace {

using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;

ProcessResult exited(int code, std::string channel, std::string err = "") {
  ProcessResult p;
  p.termination = Termination::exited;
  p.status = {true, code, 0};
  p.channels[3] = std::move(channel);
  p.err = std::move(err);
  p.wall_time = std::chrono::milliseconds(40);
  return p;
}

ipclab::exec::ProcessInfo process(pid_t pid, std::string name, char state) {
  ipclab::exec::ProcessInfo info;
  info.pid = pid;
  info.name = std::move(name);
  info.state = state;
  return info;
}

const Limits kLimits{.timeout = std::chrono::milliseconds(20'000), .output_bytes = 100};

TEST(ParseRecords, SkipsMalformedLines) {
  int malformed = 0;
  auto records = parse_records(
      "{\"test\":\"p.a\",\"outcome\":\"passed\",\"message\":\"\",\"duration_ms\":5}\nnot json\n",
      &malformed);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].test, "p.a");
  EXPECT_EQ(records[0].duration_ms, 5);
  EXPECT_EQ(malformed, 1);
}

TEST(InterpretTrial, TheRecordDecides) {
  TrialResult trial = interpret_trial(exited(1,
                                             "{\"test\":\"p.a\",\"outcome\":\"failed\",\"message\":"
                                             "\"wrong bytes\",\"duration_ms\":7}\n"),
                                      "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::failed);
  EXPECT_EQ(trial.message, "wrong bytes");
  EXPECT_EQ(trial.duration.count(), 7);
}

TEST(InterpretTrial, ASkippedTestIsNotRunWithTheHarnesssReason) {
  TrialResult trial = interpret_trial(
      exited(0,
             "{\"test\":\"p.a\",\"outcome\":\"skipped\",\"message\":\"python3 is not "
             "installed\",\"duration_ms\":1}\n"),
      "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::not_run);
  EXPECT_EQ(trial.message, "python3 is not installed");
  trial = interpret_trial(
      exited(0, "{\"test\":\"p.a\",\"outcome\":\"skipped\",\"message\":\"\"}\n"), "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::not_run);
  EXPECT_EQ(trial.message, "the harness skipped this test without saying why");
}

TEST(InterpretTrial, PrintedTextIsNeverAVerdict) {
  ProcessResult p = exited(0, "");
  p.out = "{\"test\":\"p.a\",\"outcome\":\"passed\"}\n[  PASSED  ] 1 test.\n";
  TrialResult trial = interpret_trial(p, "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::unresolved);
  EXPECT_EQ(
      trial.message,
      "the harness has no test named p.a: assignments.yaml and the kit disagree (rebuild the kit)");
}

TEST(InterpretTrial, AHarnessKilledWithoutARecordCrashed) {
  ProcessResult p = exited(0, "");
  p.termination = Termination::signaled;
  p.status = {false, -1, 9};
  p.err = "last words\n";
  TrialResult trial = interpret_trial(p, "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::crashed);
  EXPECT_EQ(trial.message,
            "the test program was killed by SIGKILL (Killed) before it reported a result for p.a\n"
            "It printed:\nlast words");
}

TEST(InterpretTrial, ExtraRecordsOnTheChannelAreAForgery) {
  std::string forged = "{\"test\":\"p.a\",\"outcome\":\"passed\"}\n";
  std::string genuine = "{\"test\":\"p.a\",\"outcome\":\"failed\",\"message\":\"no\"}\n";
  std::string other = "{\"test\":\"p.b\",\"outcome\":\"passed\"}\n";
  for (const std::string& channel : {forged + genuine, genuine + forged, other}) {
    TrialResult trial = interpret_trial(exited(0, channel), "p.a", kLimits);
    EXPECT_EQ(trial.outcome, Outcome::unresolved) << channel;
    EXPECT_NE(trial.message.find("a process tried to forge the verdict"), std::string::npos);
  }
}

TEST(InterpretTrial, AnExitWithoutARecordIsUnresolved) {
  TrialResult trial = interpret_trial(exited(2, "", "boom\n"), "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::unresolved);
  EXPECT_EQ(trial.message,
            "the harness exited with code 2 without a result for p.a\nIt printed:\nboom");
}

TEST(InterpretTrial, TimeoutAndOutputLimitComeFromTheRunner) {
  ProcessResult p = exited(0, "");
  p.termination = Termination::timed_out;
  EXPECT_EQ(interpret_trial(p, "p.a", kLimits).message,
            "the test did not finish within 20 s and was stopped");
  p.termination = Termination::output_limit;
  p.out = "yyyy";
  TrialResult flood = interpret_trial(p, "p.a", kLimits);
  EXPECT_EQ(flood.outcome, Outcome::output_limit);
  EXPECT_EQ(flood.message,
            "the test printed more than 100 bytes and was stopped. It began with:\nyyyy");
}

TEST(InterpretTrial, ATimeoutSaysWhatEachProcessWasDoingInTheChosenLanguage) {
  ProcessResult p = exited(0, "");
  p.termination = Termination::timed_out;
  p.snapshot = {process(7, "driver", 'S'), process(8, "child", 'S'), process(9, "spin", 'R')};
  p.snapshot[0].syscall = SYS_read;
  p.snapshot[1].wchan = "do_wait";
  p.snapshot[2].syscall = SYS_read;  // running: what it last called says nothing
  EXPECT_EQ(interpret_trial(p, "p.a", kLimits).message,
            "the test did not finish within 20 s and was stopped\n"
            "What each process was doing:\n"
            "  - pid 7 (driver): sleeping in read()\n"
            "  - pid 8 (child): sleeping (wait channel do_wait)\n"
            "  - pid 9 (spin): running");
  EXPECT_EQ(fixtures::in_spanish([&] { return interpret_trial(p, "p.a", kLimits).message; }),
            "la prueba no terminó en 20 s y se detuvo\n"
            "Qué hacía cada proceso:\n"
            "  - pid 7 (driver): dormido en read()\n"
            "  - pid 8 (child): dormido (canal de espera do_wait)\n"
            "  - pid 9 (spin): en ejecución");
  EXPECT_EQ(ipclab::exec::describe_activity(p.snapshot[1]), "sleeping (wait channel do_wait)");
}

TEST(InterpretTrial, LeftoverProcessesAreNoted) {
  ProcessResult p = exited(0, "{\"test\":\"p.a\",\"outcome\":\"passed\"}\n");
  p.leftover_processes = 2;
  TrialResult trial = interpret_trial(p, "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::passed);
  EXPECT_EQ(trial.notes, std::vector<std::string>{
                             "2 processes were still running after the test and were killed"});
}

TEST(InterpretTrial, LeftoverProcessesReadAsTheSandboxsKilledProcesses) {
  ProcessResult p = exited(0, "{\"test\":\"p.a\",\"outcome\":\"passed\"}\n");
  p.leftover_processes = 1;
  ProcessResult seen_by_cgroup;
  add_tree_facts({.killed_afterwards = 1}, {}, seen_by_cgroup);
  EXPECT_EQ(interpret_trial(p, "p.a", kLimits).notes, seen_by_cgroup.notes);
  EXPECT_EQ(fixtures::in_spanish([&] { return interpret_trial(p, "p.a", kLimits).notes.at(0); }),
            "1 proceso seguía en marcha después de la prueba y se mató");
}

TEST(InterpretTrial, UnknownOutcomesAreUnresolved) {
  TrialResult trial = interpret_trial(
      exited(0, "{\"test\":\"p.a\",\"outcome\":\"build_failed\"}\n"), "p.a", kLimits);
  EXPECT_EQ(trial.outcome, Outcome::unresolved);
}

}  // namespace
}  // namespace grader
