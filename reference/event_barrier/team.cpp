// Reference team: a coordinator, its workers, and the phases between them.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/interprocess/managed_shared_memory.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <system_error>
#include <vector>

#include "ipclab/names.hpp"
#include "sync.hpp"

namespace ipclab::sync {

void worker(Team& team, int id, int phases) {
  prepare(id);
  team.ready[id].set();
  team.go.wait();
  for (int phase = 0; phase < phases; ++phase) {
    work(id, phase);
    if (team.phase_end.wait() == 0) phase_done(phase);
  }
}

void start(Team& team) {
  for (int id = 0; id < team.workers; ++id)
    team.ready[id].wait();
  team.go.set();
}

int run_team(int workers, int phases) {
  const std::string name = unique_name("team");
  bip::managed_shared_memory segment(bip::create_only, name.c_str(), 64 * 1024);
  struct Remover {
    std::string name;
    ~Remover() { bip::shared_memory_object::remove(name.c_str()); }
  } remover{name};
  Team& team = *segment.construct<Team>("team")(workers);
  std::vector<pid_t> children;
  for (int id = 0; id < workers; ++id) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
      const int error = errno;
      for (pid_t child : children) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
      }
      throw std::system_error(error, std::generic_category(), "fork");
    }
    if (pid == 0) {
      int status = 0;
      try {
        worker(team, id, phases);
      } catch (...) {
        status = 1;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  start(team);
  int succeeded = 0;
  for (pid_t pid : children) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++succeeded;
  }
  return succeeded;
}

}  // namespace ipclab::sync
