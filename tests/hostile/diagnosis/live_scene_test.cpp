// look() on real processes: CPU sampling tells spinning from blocked, and the
// pipe a child reads is traced to the write end it still holds.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/orphan_reaper.hpp"
#include "harness/hang_verdict.hpp"
#include "harness/process_ending.hpp"

namespace {

using namespace ipclab::harness;
using testing::HasSubstr;

/// A child that runs `body` and never returns; killed and reaped at scope end.
class Child {
 public:
  template <class Body>
  explicit Child(Body body) {
    // Registered with the runner's orphan reaper (started by the first
    // exec::spawn() of a backtrace tool), which kills children it does not know.
    auto& reaper = ipclab::exec::OrphanReaper::instance();
    auto lock = reaper.launch_lock();
    pid_ = ::fork();
    if (pid_ == 0) {
      body();
      ::_exit(0);
    }
    reaper.adopt(pid_);
  }
  ~Child() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    ipclab::exec::OrphanReaper::instance().release(pid_);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

LookOptions quick() {
  LookOptions options;
  options.cpu_interval = std::chrono::milliseconds(500);
  return options;
}

TEST(LiveScene, ASpinningChildIsSeenAsBusy) {
  Child spinner([] {
    volatile unsigned long spins = 0;
    for (;;)
      spins = spins + 1;
  });
  Scene scene = look({{spinner.pid(), "the spinner"}}, quick());
  ASSERT_EQ(scene.processes.size(), 1u);
  EXPECT_GT(scene.runnable(spinner.pid()), 0.8);  // it may wait for a CPU on a busy machine
  EXPECT_EQ(activity_of(scene, scene.processes[0]), Activity::spinning);
  EXPECT_THAT(hang_verdict(scene), HasSubstr("Diagnosis: busy-wait. the spinner (pid "));
}

TEST(LiveScene, AChildReadingAPipeItCanWriteIsTold) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  Child reader([&] {
    if (::fork() == 0) {  // the grandchild keeps both ends and reads
      char byte;
      (void)!::read(ends[0], &byte, 1);
      ::_exit(0);
    }
    ::pause();
  });
  ::close(ends[0]);
  ::close(ends[1]);
  ::usleep(200'000);
  Scene scene = look({{reader.pid(), "the reader"}}, quick());
  ASSERT_EQ(scene.processes.size(), 2u);
  const ipclab::exec::ProcessInfo& grandchild = scene.processes[1];
  EXPECT_EQ(activity_of(scene, grandchild), Activity::reading);
  EXPECT_LT(scene.cpu(grandchild.pid), 0.2);
  std::string verdict = hang_verdict(scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: blocked reading a pipe whose write end is still "
                                 "open. a child of the reader (pid " +
                                 std::to_string(grandchild.pid) + ") waits for data on fd "));
  EXPECT_THAT(verdict, HasSubstr("after fork(), close the ends a process does not use"));
  ::kill(grandchild.pid, SIGKILL);
}

/// Waits (5 s at most) until `pid` is a zombie: it has ended, unreaped.
bool ended(pid_t pid) {
  for (int i = 0; i < 500; ++i) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid)
      return true;
    ::usleep(10'000);
  }
  return false;
}

TEST(LiveScene, AZombieTellsHowItEnded) {
  Child aborted([] {
    rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    std::abort();
  });
  Child failed([] { ::_exit(3); });
  ASSERT_TRUE(ended(aborted.pid()));
  ASSERT_TRUE(ended(failed.pid()));
  EXPECT_EQ(ending_of(aborted.pid()), "was killed by SIGABRT: an uncaught exception or abort()");
  EXPECT_EQ(ending_of(failed.pid()), "exited with code 3");
  EXPECT_EQ(ending_of(::getpid()), "") << "a running process has no ending";
  Scene scene = look({{aborted.pid(), "the server"}}, quick());
  EXPECT_THAT(hang_verdict(scene),
              HasSubstr("Diagnosis: a process of the test died. the server "
                        "(pid " +
                        std::to_string(aborted.pid()) + ") was killed by SIGABRT"));
}

}  // namespace
