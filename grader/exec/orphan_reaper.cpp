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

void OrphanReaper::sweep() {
  std::lock_guard lock(mutex_);
  const pid_t self = ::getpid();
  std::vector<ProcessInfo> all = list_processes();
  for (const ProcessInfo& p : all) {
    if (p.ppid != self || managed_.count(p.pid) != 0) continue;
    if (p.state != 'Z') {
      kill_descendants(p.pid, std::chrono::milliseconds(200));
      ::kill(p.pid, SIGKILL);
      ++orphans_killed_;
    }
    ::waitpid(p.pid, nullptr, WNOHANG);
  }
}

void OrphanReaper::run() {
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    sweep();
  }
}

}  // namespace ipclab::exec
