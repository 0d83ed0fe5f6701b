// Real processes through SystemProcessRunner: exit codes vs signals, the
// timeout of a sleeping and of a spinning program, a setsid() double-fork
// escaper, an output flood, stdin, descriptor hygiene, environment, limits,
// and the named failure of a setup step; this process's own children, which
// the orphan reaper looks at.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "exec/orphan_reaper.hpp"
#include "exec/process_runner.hpp"
#include "exec/process_tree.hpp"

namespace ipclab::exec {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

ProcessSpec helper(std::vector<std::string> args) {
  ProcessSpec spec;
  spec.executable = IPCLAB_RUNNER_HELPER;
  spec.args = std::move(args);
  spec.env = {"PATH=/usr/bin:/bin"};
  return spec;
}

RunOptions within(std::chrono::milliseconds wall) {
  RunOptions options;
  options.wall_time = wall;
  options.kill_grace = 200ms;
  return options;
}

SystemProcessRunner runner;

TEST(SystemProcessRunner, ReportsExitCodeAndBothStreams) {
  ProcessResult result = runner.run(helper({"exit", "3"}), within(10s));
  EXPECT_EQ(result.termination, Termination::exited);
  EXPECT_TRUE(result.status.exited);
  EXPECT_EQ(result.status.exit_code, 3);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
}

TEST(SystemProcessRunner, NamesTheSignalThatKilledTheProgram) {
  ProcessResult result = runner.run(helper({"signal", std::to_string(SIGSEGV)}), within(10s));
  EXPECT_EQ(result.termination, Termination::signaled);
  EXPECT_FALSE(result.status.exited);
  EXPECT_EQ(result.status.signal, SIGSEGV);
  EXPECT_EQ(describe(result.status), "killed by SIGSEGV (Segmentation fault)");
}

TEST(SystemProcessRunner, StopsASleepingProgramAtTheDeadlineAndSaysWhatItDid) {
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = runner.run(helper({"sleep"}), within(500ms));
  EXPECT_EQ(result.termination, Termination::timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  ASSERT_FALSE(result.snapshot.empty());
  EXPECT_EQ(result.snapshot.front().state, 'S');
  EXPECT_THAT(describe_activity(result.snapshot.front()), HasSubstr("sleeping in"));
}

TEST(SystemProcessRunner, StopsASpinningProgramAtTheDeadline) {
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = runner.run(helper({"spin"}), within(500ms));
  EXPECT_EQ(result.termination, Termination::timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  ASSERT_FALSE(result.snapshot.empty());
  EXPECT_EQ(result.snapshot.front().state, 'R');
}

TEST(SystemProcessRunner, KillsAGrandchildThatEscapedWithSetsid) {
  std::string pid_file = scratch_path("escaper.pid").string();
  ::unlink(pid_file.c_str());
  ProcessSpec spec = helper({"escape", pid_file});
  spec.subreaper = true;
  ProcessResult result = runner.run(spec, within(10s));
  EXPECT_EQ(result.termination, Termination::exited);
  pid_t escaped = 0;
  std::ifstream(pid_file) >> escaped;
  ASSERT_GT(escaped, 0) << "the helper did not record its grandchild";
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (::kill(escaped, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_NE(::kill(escaped, 0), 0) << "the escaped grandchild " << escaped << " is still alive";
}

/// A child forked by the calling thread that pauses until killed, adopted by
/// the orphan reaper (which would kill a child it does not know).
pid_t paused_child() {
  auto& reaper = OrphanReaper::instance();
  auto lock = reaper.launch_lock();
  pid_t pid = ::fork();
  if (pid == 0) {
    for (;;)
      ::pause();
  }
  reaper.adopt(pid);
  return pid;
}

TEST(OwnChildren, ListsTheChildrenOfEveryThreadAsAWalkOfProcDoes) {
  pid_t from_main = paused_child();
  pid_t from_thread = 0;
  std::thread([&from_thread] { from_thread = paused_child(); }).join();
  std::vector<pid_t> children = own_children();
  std::vector<pid_t> walked;
  for (const ProcessInfo& p : list_processes()) {
    if (p.ppid == ::getpid()) walked.push_back(p.pid);
  }
  for (pid_t pid : {from_main, from_thread}) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    OrphanReaper::instance().release(pid);
  }
  EXPECT_THAT(children, ::testing::Contains(from_main));
  EXPECT_THAT(children, ::testing::Contains(from_thread)) << "a child of another thread";
  std::sort(children.begin(), children.end());
  std::sort(walked.begin(), walked.end());
  EXPECT_EQ(children, walked);
}

TEST(OwnChildren, DescendantsOfFollowsTheTreeAsAWalkOfProcDoes) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  auto& reaper = OrphanReaper::instance();
  pid_t child = 0;
  {
    auto lock = reaper.launch_lock();
    child = ::fork();
    if (child == 0) {
      pid_t grandchild = ::fork();
      if (grandchild == 0) {
        for (;;)
          ::pause();
      }
      (void)!::write(pipe_fds[1], &grandchild, sizeof grandchild);
      for (;;)
        ::pause();
    }
    reaper.adopt(child);
  }
  pid_t grandchild = 0;
  ASSERT_EQ(::read(pipe_fds[0], &grandchild, sizeof grandchild),
            static_cast<ssize_t>(sizeof grandchild));
  auto pids = [](const std::vector<ProcessInfo>& processes) {
    std::vector<pid_t> result;
    for (const ProcessInfo& p : processes)
      result.push_back(p.pid);
    return result;
  };
  std::vector<pid_t> found = pids(descendants_of(child));
  std::vector<pid_t> walked = pids(descendants(list_processes(), child));
  EXPECT_EQ(kill_descendants(child, 2s), 1);
  for (const ProcessInfo& p : descendants_of(child))
    EXPECT_EQ(p.state, 'Z') << "kill_descendants left " << p.pid << " alive";
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  reaper.release(child);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  EXPECT_EQ(found, std::vector<pid_t>{grandchild});
  EXPECT_EQ(found, walked);
  // Killed, it is a zombie handed to us, which the orphan reaper reaps.
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (::kill(grandchild, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  EXPECT_NE(::kill(grandchild, 0), 0) << "kill_descendants left the grandchild";
}

TEST(SystemProcessRunner, CountsAndKillsWhatTheProgramLeftInItsGroup) {
  ProcessResult result = runner.run(helper({"leave"}), within(10s));
  EXPECT_EQ(result.termination, Termination::exited);
  EXPECT_EQ(result.leftover_processes, 1);
  pid_t left = std::atoi(result.out.c_str());
  ASSERT_GT(left, 0) << result.out;
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (::kill(left, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  EXPECT_NE(::kill(left, 0), 0) << "the leftover " << left << " is still alive";
}

TEST(SystemProcessRunner, CapsAnOutputFloodAndStopsIt) {
  RunOptions options = within(20s);
  options.output_cap_bytes = 64 * 1024;
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = runner.run(helper({"flood"}), options);
  EXPECT_EQ(result.termination, Termination::output_limit);
  EXPECT_LE(result.out.size(), options.output_cap_bytes);
  EXPECT_TRUE(result.output_truncated);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST(SystemProcessRunner, GivesAClosedStdinByDefault) {
  ProcessResult result = runner.run(helper({"stdin"}), within(10s));
  EXPECT_EQ(result.out, "eof\n");
}

TEST(SystemProcessRunner, PassesOnlyTheStandardDescriptors) {
  int leaked = ::open("/dev/null", O_RDONLY);  // deliberately not close-on-exec
  ASSERT_GE(leaked, 3);
  ProcessResult result = runner.run(helper({"fds"}), within(10s));
  ::close(leaked);
  EXPECT_EQ(result.out, "0\n1\n2\n");
}

TEST(SystemProcessRunner, MapsAnExtraDescriptorAndCapturesAChannel) {
  ProcessSpec spec = helper({"write_fd", "3", "verdict"});
  RunOptions options = within(10s);
  options.capture_fds = {3};
  ProcessResult result = runner.run(spec, options);
  EXPECT_EQ(result.status.exit_code, 0);
  EXPECT_EQ(result.channels[3], "verdict");
}

TEST(SystemProcessRunner, GivesExactlyTheEnvironmentAndFolderAsked) {
  ProcessSpec spec = helper({"env"});
  spec.env = {"A=1", "B=two"};
  EXPECT_EQ(runner.run(spec, within(10s)).out, "A=1\nB=two\n");
  spec.args = {"cwd"};
  spec.working_dir = "/tmp";
  EXPECT_EQ(runner.run(spec, within(10s)).out, "/tmp\n");
}

TEST(SystemProcessRunner, SetsTheUmaskAsked) {
  ProcessSpec spec = helper({"umask"});
  spec.umask = 007;
  EXPECT_EQ(runner.run(spec, within(10s)).out, "007\n");
  spec.umask = 0;
  EXPECT_EQ(runner.run(spec, within(10s)).out, "000\n");
}

std::string own_ipc_namespace() {
  char link[256] = {};
  ssize_t n = ::readlink("/proc/self/ns/ipc", link, sizeof link - 1);
  return std::string(link, n > 0 ? static_cast<std::size_t>(n) : 0) + "\n";
}

TEST(SystemProcessRunner, GivesAPrivateIpcNamespaceWhenAsked) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root: unshare(CLONE_NEWIPC)";
  ProcessSpec spec = helper({"ipc_ns"});
  EXPECT_EQ(runner.run(spec, within(10s)).out, own_ipc_namespace());
  spec.private_ipc = true;
  std::string theirs = runner.run(spec, within(10s)).out;
  EXPECT_THAT(theirs, HasSubstr("ipc:["));
  EXPECT_NE(theirs, own_ipc_namespace());
}

TEST(SystemProcessRunner, AppliesTheResourceLimits) {
  ProcessSpec spec = helper({"limits"});
  spec.limits.cpu_time = 7s;
  spec.limits.address_space_bytes = 1ull << 30;
  spec.limits.file_size_bytes = 1 << 20;
  spec.limits.open_files = 64;
  EXPECT_EQ(runner.run(spec, within(10s)).out,
            "cpu 7\nas 1073741824\nfsize 1048576\nnofile 64\ncore 0\n");
}

TEST(SystemProcessRunner, NamesTheSetupStepThatFailed) {
  ProcessSpec spec = helper({"exit", "0"});
  spec.working_dir = "/nonexistent-folder";
  try {
    runner.run(spec, within(10s));
    FAIL() << "expected a SpawnError";
  } catch (const SpawnError& e) {
    EXPECT_THAT(e.what(), HasSubstr("chdir() to the working directory: No such file or directory"));
  }
}

TEST(SystemProcessRunner, RefusesAProgramThatDoesNotExist) {
  ProcessSpec spec = helper({});
  spec.executable = "/nonexistent/program";
  try {
    runner.run(spec, within(10s));
    FAIL() << "expected a SpawnError";
  } catch (const SpawnError& e) {
    EXPECT_STREQ(e.what(), "cannot run /nonexistent/program: No such file or directory");
  }
}

}  // namespace
}  // namespace ipclab::exec
