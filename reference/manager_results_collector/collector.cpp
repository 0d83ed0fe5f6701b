// Reference implementation of the results collector.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "manager.hpp"

namespace ipclab::manager {

void collect_worker(DictProxy& results, ListProxy& finished, int worker, int workers, int tasks) {
  const std::string mine = "worker" + std::to_string(worker);
  IntList done;
  results.set(mine, done);
  for (int t = worker; t < tasks; t += workers) {
    results.set("task" + std::to_string(t), std::int64_t{t} * t);
    results.add("done", 1);
    done.push_back(t);
    results.set(mine, done);  // the server only sees what is set()
  }
  finished.append(std::int64_t{worker});
}

Collected run_collector(int workers, int tasks) {
  Manager manager;
  manager.start();
  DictProxy results = manager.dict();
  ListProxy finished = manager.list();
  results.set("done", std::int64_t{0});
  std::vector<pid_t> pids;
  bool failed = false;
  for (int w = 0; w < workers && !failed; ++w) {
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      int code = 0;
      try {
        collect_worker(results, finished, w, workers, tasks);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "worker %d: %s\n", w, e.what());
        code = 1;
      }
      std::fflush(nullptr);
      ::_exit(code);
    }
    if (pid < 0) failed = true;
    if (pid > 0) pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    failed = failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  Collected collected;
  if (!failed) collected = {results.copy(), finished.copy()};
  manager.shutdown();
  if (failed) throw std::runtime_error("run_collector: a worker failed");
  return collected;
}

void tally(DictProxy& counts, const std::vector<std::string>& words) {
  for (const std::string& word : words)
    counts.add(word, 1);
}

}  // namespace ipclab::manager
