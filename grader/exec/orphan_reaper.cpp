#include "orphan_reaper.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "process_tree.hpp"

namespace ipclab::exec {

OrphanReaper& OrphanReaper::instance() {
  // Never destroyed: the reaping thread may outlive main().
  static OrphanReaper* reaper = new OrphanReaper();
  return *reaper;
}

OrphanReaper::OrphanReaper() {
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::thread([this] { run(); }).detach();
}

void OrphanReaper::release(pid_t pid) {
  std::lock_guard lock(mutex_);
  managed_.erase(pid);
}

int OrphanReaper::orphans_killed() const {
  std::lock_guard lock(mutex_);
  return orphans_killed_;
}

namespace {

/// True when our child `pid` has exited (a zombie), without reaping it.
bool has_exited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

}  // namespace

void OrphanReaper::sweep() {
  std::lock_guard lock(mutex_);
  // Our own children only (not a walk of every process: this runs every 50 ms).
  for (pid_t pid : own_children()) {
    if (managed_.count(pid) != 0) continue;
    if (!has_exited(pid)) {
      kill_descendants(pid, std::chrono::milliseconds(200));
      ::kill(pid, SIGKILL);
      ++orphans_killed_;
    }
    ::waitpid(pid, nullptr, WNOHANG);
  }
}

void OrphanReaper::run() {
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    sweep();
  }
}

}  // namespace ipclab::exec
