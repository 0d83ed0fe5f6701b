// Reference implementation of the locked shared counter (Value part): the
// oracle the harness pairs student processes with. Written independently of
// the model answer in solutions/.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "ipclab/names.hpp"
#include "shared_value.hpp"

namespace ipclab::shm {
namespace {

/// Waits for every pid; returns how many did not exit with status 0.
int failures(const std::vector<pid_t>& pids) {
  int failed = 0;
  for (pid_t pid : pids) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  return failed;
}

}  // namespace

Value Value::create(Region& region, const std::string& name, std::int64_t initial) {
  return Value(*region.memory().construct<ValueCell>(name.c_str())(initial));
}

void increment(Value& counter, int times) {
  for (int i = 0; i < times; ++i) {
    Lock lock(counter.get_lock());
    counter.store(counter.load() + 1);
  }
}

std::int64_t run_increments(int processes, int times) {
  const std::string name = ipclab::unique_name("counter");
  Region region = Region::create(name);
  Value counter = Value::create(region, "counter", 0);
  std::vector<pid_t> pids;
  for (int p = 0; p < processes; ++p) {
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      int code = 0;
      try {
        increment(counter, times);
      } catch (...) {
        code = 1;
      }
      ::_exit(code);
    }
    if (pid < 0) break;
    pids.push_back(pid);
  }
  int failed = failures(pids) + (processes - static_cast<int>(pids.size()));
  std::int64_t total = counter.load();
  Region::remove(name);
  if (failed > 0) {
    throw std::runtime_error("run_increments: " + std::to_string(failed) + " worker(s) failed");
  }
  return total;
}

}  // namespace ipclab::shm
