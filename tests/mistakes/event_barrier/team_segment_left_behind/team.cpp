// Event and barrier, part 3: a coordinator and its workers -- model answer.
//
// The start line of a race: every worker gets ready in its own time and says
// so with its own `ready` event; the coordinator waits for all of them, then
// sets `go`, which wakes every worker at once. From then on the workers run
// phase after phase, and the barrier keeps them together: nobody starts
// phase p + 1 before everybody has finished phase p.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/interprocess/managed_shared_memory.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "ipclab/names.hpp"
#include "sync.hpp"

namespace ipclab::sync {

void worker(Team& team, int id, int phases) {
  prepare(id);
  team.ready[id].set();  // "I am ready"
  team.go.wait();        // wait for the start signal

  for (int phase = 0; phase < phases; ++phase) {
    work(id, phase);
    // Wait until every worker has finished this phase. Exactly one worker
    // gets index 0 from the barrier: it announces the end of the phase.
    const int index = team.phase_end.wait();
    if (index == 0) {
      phase_done(phase);
    }
  }
}

void start(Team& team) {
  for (int id = 0; id < team.workers; ++id) {
    team.ready[id].wait();
  }
  team.go.set();
}

namespace {

/// Waits for `pid`; true if it exited normally with status 0.
bool exited_ok(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return false;
    }
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/// Runs in the child: one worker, then _exit(). Never returns.
[[noreturn]] void run_worker(Team& team, int id, int phases) {
  int status = 0;
  try {
    worker(team, id, phases);
  } catch (...) {
    status = 1;
  }
  // _exit(), not return or exit(): the child is a copy of the parent and must
  // not go on running the parent's code, nor flush the parent's buffers again.
  ::_exit(status);
}

}  // namespace

int run_team(int workers, int phases) {
  if (workers < 1 || workers > kMaxWorkers) {
    throw std::invalid_argument("run_team: workers must be between 1 and 16");
  }
  // 1. The shared memory, with the Team inside. Children created by fork()
  //    share this mapping, at the same address.
  const std::string name = ipclab::unique_name("team");
  bip::managed_shared_memory segment(bip::create_only, name.c_str(), 64 * 1024);
  Team* team = segment.construct<Team>("team")(workers);

  // 2. One process per worker.
  std::vector<pid_t> children;
  for (int id = 0; id < workers; ++id) {
    std::fflush(nullptr);  // or buffered output would be printed twice
    const pid_t pid = ::fork();
    if (pid == 0) {
      run_worker(*team, id, phases);
    }
    if (pid < 0) {
      // The workers already started would wait for `go` forever: stop them.
      for (pid_t child : children) {
        ::kill(child, SIGKILL);
        exited_ok(child);
      }
      bip::shared_memory_object::remove(name.c_str());
      throw std::runtime_error("run_team: fork() failed");
    }
    children.push_back(pid);
  }

  // 3. The start signal, once everyone is ready.
  start(*team);

  // 4. Wait for every worker (no zombies left behind).
  int succeeded = 0;
  for (pid_t pid : children) {
    if (exited_ok(pid)) {
      succeeded = succeeded + 1;
    }
  }

  return succeeded;  // the segment goes away with `segment`
}

}  // namespace ipclab::sync
