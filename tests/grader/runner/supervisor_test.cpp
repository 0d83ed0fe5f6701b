// The supervision primitive on real processes (runner_helper): waiting with a
// deadline, the stop sequence in order, cancellation from another thread,
// reaping, the whole process group stopped -- and deadlines measured on an
// injected clock (FakeClock), so hours of grace pass in a moment.
#include "exec/supervisor.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include <gtest/gtest.h>

#include "fake_clock.hpp"

namespace ipclab::exec {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using RealClock = std::chrono::steady_clock;

Child start(std::vector<std::string> args) {
  ProcessSpec spec;
  spec.executable = IPCLAB_RUNNER_HELPER;
  spec.args = std::move(args);
  spec.env = {"PATH=/usr/bin:/bin"};
  return spawn(spec);
}

/// Waits (real time, at most 5 s) until `out` holds `text`.
void wait_for_text(Supervisor& supervisor, const std::string& out, const std::string& text) {
  const auto until = RealClock::now() + 5s;
  while (out.find(text) == std::string::npos && RealClock::now() < until)
    supervisor.wait(supervisor.clock().now() + 20ms);
  ASSERT_NE(out.find(text), std::string::npos) << "the helper never printed " << text;
}

/// True once `pid` is gone (reaped by whoever adopted it), within 5 s.
bool gone(pid_t pid) {
  const auto until = RealClock::now() + 5s;
  while (::kill(pid, 0) == 0 && RealClock::now() < until)
    std::this_thread::sleep_for(20ms);
  return ::kill(pid, 0) != 0;
}

bool reaped(pid_t pid) {
  return ::waitpid(pid, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

TEST(Supervisor, WaitReturnsWhenTheProcessExitsAndReapsIt) {
  Child child = start({"exit", "3"});
  Supervisor supervisor(child);
  EXPECT_EQ(supervisor.wait(RealClock::now() + 10s), Wake::exited);
  ASSERT_TRUE(child.status());
  EXPECT_EQ(describe(*child.status()), "exit code 3");
  EXPECT_TRUE(reaped(child.pid()));
}

TEST(Supervisor, WaitReturnsAtTheDeadlineAndLeavesTheProcessRunning) {
  Child child = start({"sleep"});
  Supervisor supervisor(child);
  auto begin = RealClock::now();
  EXPECT_EQ(supervisor.wait(begin + 200ms), Wake::deadline);
  EXPECT_GE(RealClock::now() - begin, 200ms);
  EXPECT_FALSE(child.status());
  EXPECT_EQ(::kill(child.pid(), 0), 0) << "wait() must never stop the process";
  EXPECT_EQ(describe(supervisor.stop(terminate_then_kill(0ms))), "killed by SIGKILL (Killed)");
}

TEST(Supervisor, MeasuresTheDeadlineOnTheInjectedClock) {
  FakeClock clock(10min);  // each reading: ten minutes later
  Child child = start({"sleep"});
  Supervisor supervisor(child, {&clock});
  auto begin = RealClock::now();
  EXPECT_EQ(supervisor.wait(clock.now() + 1h), Wake::deadline);
  EXPECT_LT(RealClock::now() - begin, 3s) << "an hour of the fake clock took real time";
  EXPECT_LE(clock.readings(), 10);
}

TEST(Supervisor, CancellingFromAnotherThreadEndsTheWait) {
  FakeClock frozen;  // the deadline never comes: only the cancel can end the wait
  CancelSource cancel;
  Child child = start({"sleep"});
  Supervisor supervisor(child, {&frozen, cancel.token()});
  std::thread canceller([&] {
    std::this_thread::sleep_for(200ms);
    cancel.cancel();
  });
  auto begin = RealClock::now();
  EXPECT_EQ(supervisor.wait(frozen.now() + 1ms), Wake::cancelled);
  canceller.join();
  EXPECT_LT(RealClock::now() - begin, 3s);
  EXPECT_FALSE(child.status()) << "a cancelled wait does not stop the process by itself";
  supervisor.stop(terminate_then_kill(0ms));
  EXPECT_TRUE(reaped(child.pid()));
}

TEST(Supervisor, StopSendsTheStepsInOrderThenKillsAndReaps) {
  Child child = start({"trap"});
  std::string out;
  Supervisor supervisor(child);
  supervisor.collect(child.stdout_pipe(), out, {});
  wait_for_text(supervisor, out, "ready\n");
  ExitStatus status = supervisor.stop({{SIGUSR1, 300ms}, {SIGTERM, 300ms}});
  supervisor.drain(1s);
  EXPECT_EQ(out, "ready\nUSR1\nTERM\n");
  EXPECT_EQ(describe(status), "killed by SIGKILL (Killed)") << "SIGKILL ends every sequence";
  EXPECT_TRUE(reaped(child.pid()));
}

TEST(Supervisor, StopEndsAtTheFirstStepThatEndsTheProcess) {
  Child child = start({"sleep"});
  Supervisor supervisor(child);
  auto begin = RealClock::now();
  ExitStatus status = supervisor.stop({{SIGTERM, 5s}, {SIGKILL, 0ms}});
  EXPECT_EQ(describe(status), "killed by SIGTERM (Terminated)");
  EXPECT_LT(RealClock::now() - begin, 4s) << "it waited out the grace of a process that had ended";
}

TEST(Supervisor, StopMeasuresTheGraceOnTheInjectedClock) {
  FakeClock clock(10min);
  Child child = start({"trap"});
  std::string out;
  Supervisor supervisor(child, {&clock});
  supervisor.collect(child.stdout_pipe(), out, {});
  wait_for_text(supervisor, out, "ready\n");
  auto begin = RealClock::now();
  ExitStatus status = supervisor.stop({{SIGTERM, 1h}});
  EXPECT_LT(RealClock::now() - begin, 3s) << "an hour's grace of the fake clock took real time";
  EXPECT_EQ(describe(status), "killed by SIGKILL (Killed)");
}

TEST(Supervisor, StopKillsTheWholeProcessGroup) {
  Child child = start({"group"});
  std::string out;
  Supervisor supervisor(child);
  supervisor.collect(child.stdout_pipe(), out, {});
  wait_for_text(supervisor, out, "\n");
  pid_t grandchild = std::stoi(out.substr(out.find(' ') + 1));
  ASSERT_GT(grandchild, 0);
  supervisor.stop(terminate_then_kill(100ms));
  EXPECT_TRUE(gone(grandchild)) << "the helper's child " << grandchild << " is still alive";
}

TEST(Supervisor, StopOfAnEndedProcessSendsNothingAndReturnsItsStatus) {
  Child child = start({"exit", "3"});
  Supervisor supervisor(child);
  ASSERT_EQ(supervisor.wait(RealClock::now() + 10s), Wake::exited);
  EXPECT_EQ(describe(supervisor.stop(terminate_then_kill(1s))), "exit code 3");
}

TEST(Supervisor, TheStopSequenceIsTermGraceKill) {
  StopSequence polite = terminate_then_kill(250ms);
  ASSERT_EQ(polite.size(), 2u);
  EXPECT_EQ(polite[0].signal, SIGTERM);
  EXPECT_EQ(polite[0].wait, 250ms);
  EXPECT_EQ(polite[1].signal, SIGKILL);
  StopSequence at_once = terminate_then_kill(0ms);
  ASSERT_EQ(at_once.size(), 1u);
  EXPECT_EQ(at_once[0].signal, SIGKILL);
}

TEST(Supervisor, SaysOutputLimitWhenTheCountedStreamsPassIt) {
  Child child = start({"flood"});
  std::string out;
  Supervisor supervisor(child, {&SteadyClock::system(), {}, 64 * 1024});
  supervisor.collect(child.stdout_pipe(), out, {1000, false, true});
  EXPECT_EQ(supervisor.wait(RealClock::now() + 20s), Wake::output_limit);
  EXPECT_EQ(out.size(), 1000u);
  EXPECT_TRUE(supervisor.truncated());
  supervisor.stop(terminate_then_kill(0ms));
}

TEST(Supervisor, KeepsTheTailOfAStreamWhenAsked) {
  Child child = start({"exit", "0"});  // prints "out\n", "err\n"
  std::string out;
  std::string err;
  Supervisor supervisor(child);
  supervisor.collect(child.stdout_pipe(), out, {2, true});
  supervisor.collect(child.stderr_pipe(), err, {2});
  ASSERT_EQ(supervisor.wait(RealClock::now() + 10s), Wake::exited);
  supervisor.drain(1s);
  EXPECT_EQ(out, "t\n");
  EXPECT_EQ(err, "er");
}

TEST(Supervisor, WaitWakesForAWatchedDescriptor) {
  Child child = start({"sleep"});
  PipePair pipe = make_pipe();
  ASSERT_EQ(::write(pipe.write.get(), "x", 1), 1);
  Supervisor supervisor(child);
  EXPECT_EQ(supervisor.wait(RealClock::now() + 10s, Watch{pipe.read.get(), POLLIN}), Wake::ready);
  supervisor.stop(terminate_then_kill(0ms));
}

}  // namespace
}  // namespace ipclab::exec
