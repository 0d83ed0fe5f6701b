// Manager results collector, part 3: the results collector. Your file:
// replace every `throw NotImplemented(...)` with an implementation.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "manager.hpp"

namespace ipclab::manager {

void collect_worker(DictProxy& results, ListProxy& finished, int worker, int workers, int tasks) {
  // TODO: key = "worker" + std::to_string(worker); results.set(key, IntList{});
  // for t = worker, worker + workers, ... while t < tasks:
  //   results.set("task<t>", t * t); results.add("done", 1);
  //   append t to the list stored at key. get() gives you a COPY: appending to
  //   the copy changes nothing on the server until you set() it back.
  // Finally finished.append(worker).
  (void)results;
  (void)finished;
  (void)worker;
  (void)workers;
  (void)tasks;
  throw NotImplemented("collect_worker");
}

Collected run_collector(int workers, int tasks) {
  // TODO:
  //  1. Manager manager; manager.start(); results = manager.dict(),
  //     finished = manager.list(); results.set("done", 0).
  //  2. For each worker w: std::fflush(nullptr); fork(). The child runs
  //     collect_worker(results, finished, w, workers, tasks) and ends with
  //     _exit(0) (_exit(1) if it threw) -- never return.
  //  3. waitpid() every worker. Only then copy results and finished: a worker
  //     that is still running has not stored everything yet.
  //  4. manager.shutdown(); throw std::runtime_error if a worker failed;
  //     return the copies.
  (void)workers;
  (void)tasks;
  throw NotImplemented("run_collector");
}

void tally(DictProxy& counts, const std::vector<std::string>& words) {
  // TODO: counts.add(word, 1) for each word -- one request that the server
  // applies as a whole. get() then set() would lose counts when several
  // processes count at the same time.
  (void)counts;
  (void)words;
  throw NotImplemented("tally");
}

}  // namespace ipclab::manager
