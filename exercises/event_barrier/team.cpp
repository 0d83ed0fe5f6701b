// Event and barrier, part 3: a coordinator and its workers. Your file: replace
// every `throw NotImplemented(...)` with an implementation. The contracts are
// in sync.hpp; README.md walks through them.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/interprocess/managed_shared_memory.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <cstdio>
#include <vector>

#include "ipclab/names.hpp"
#include "sync.hpp"

namespace ipclab::sync {

void worker(Team& team, int id, int phases) {
  // TODO:
  //  1. prepare(id), then tell the coordinator: team.ready[id].set();
  //  2. wait for the start signal: team.go.wait();
  //  3. for each phase 0..phases-1: work(id, phase); then wait at
  //     team.phase_end; if that wait returned 0, call phase_done(phase).
  (void)team;
  (void)id;
  (void)phases;
  throw NotImplemented("worker");
}

void start(Team& team) {
  // TODO: wait for team.ready[i] of every worker i (0 .. team.workers - 1),
  // then set team.go: every worker wakes up at once.
  (void)team;
  throw NotImplemented("start");
}

int run_team(int workers, int phases) {
  // TODO:
  //  1. std::string name = ipclab::unique_name("team");
  //     bip::managed_shared_memory segment(bip::create_only, name.c_str(), 64 * 1024);
  //     Team* team = segment.construct<Team>("team")(workers);
  //  2. For each worker id: std::fflush(nullptr); fork(). The child runs
  //     worker(*team, id, phases) and ends with _exit(0) (_exit(1) if it
  //     threw) -- never return. The parent keeps the child's pid.
  //  3. start(*team);
  //  4. waitpid() every child; count those that exited with status 0.
  //  5. bip::shared_memory_object::remove(name.c_str()); return the count.
  (void)workers;
  (void)phases;
  throw NotImplemented("run_team");
}

}  // namespace ipclab::sync
