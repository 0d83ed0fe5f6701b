// Manager results collector, part 3: the results collector -- model answer.
//
// The parent starts a manager and forks workers. The workers store their
// results through proxies (each opens its own connection to the server); the
// parent waits for all of them, and only then copies what the server holds.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "manager.hpp"

namespace ipclab::manager {

void collect_worker(DictProxy& results, ListProxy& finished, int worker, int workers, int tasks) {
  const std::string my_key = "worker" + std::to_string(worker);
  results.set(my_key, IntList{});
  for (int t = worker; t < tasks; t += workers) {
    results.set("task" + std::to_string(t), std::int64_t{t} * t);
    results.add("done", 1);  // atomic on the server: no count is lost

    // get() returns a COPY of the list. Appending to the copy changes nothing
    // on the server, so store the changed list back with set(). (Only this
    // worker writes my_key, so get-then-set is safe here.)
    Value mine = results.get(my_key);
    std::get<IntList>(mine).push_back(t);
    results.set(my_key, mine);
  }
  finished.append(std::int64_t{worker});
}

namespace {

/// The body of one worker process: its exit code says whether it worked.
int run_worker(DictProxy& results, ListProxy& finished, int worker, int workers, int tasks) {
  try {
    collect_worker(results, finished, worker, workers, tasks);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker %d: %s\n", worker, e.what());
    return 1;
  }
}

}  // namespace

Collected run_collector(int workers, int tasks) {
  Manager manager;
  manager.start();
  DictProxy results = manager.dict();
  ListProxy finished = manager.list();
  results.set("done", std::int64_t{0});

  std::vector<pid_t> children;
  for (int w = 0; w < workers; ++w) {
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      // The worker. Its proxies are copies of the parent's; the first call
      // opens the worker's own connection. End with _exit(): returning would
      // run the parent's code (and the Manager's destructor) in this copy.
      int code = run_worker(results, finished, w, workers, tasks);
      std::fflush(nullptr);
      ::_exit(code);
    }
    if (pid > 0) children.push_back(pid);
  }

  // Join: wait for every worker before looking at the results.
  bool all_ok = children.size() == static_cast<std::size_t>(workers);
  for (pid_t pid : children) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    (void)status;  // the worker has ended
  }

  Collected collected;
  if (all_ok) {
    collected.results = results.copy();
    collected.finished = finished.copy();
  }
  manager.shutdown();
  if (!all_ok) throw std::runtime_error("run_collector: a worker failed");
  return collected;
}

void tally(DictProxy& counts, const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    counts.add(word, 1);  // never get() then set(): another process may count in between
  }
}

}  // namespace ipclab::manager
