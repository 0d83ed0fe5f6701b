// Locked shared counter, part 1: a Value in shared memory and the workers that
// increment it. Model answer.
//
// The idea in one sentence: the number and its lock both live in a region of
// shared memory that every worker maps, and every read-modify-write of the
// number happens while holding that one lock.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "ipclab/names.hpp"
#include "shared_value.hpp"

namespace ipclab::shm {
namespace {

/// A worker's whole life: increment, then end the process with _exit(). It
/// never returns: after fork() the child is a copy of the parent, and
/// returning would run the parent's code a second time (here: the driver
/// would go on answering commands meant for its parent).
[[noreturn]] void run_worker(Value& counter, int times) {
  int code = 0;
  try {
    increment(counter, times);
  } catch (const std::exception& e) {
    // Typically: another worker died while holding the lock, so the lock is
    // unusable (bip::lock_exception). Say so, and fail this worker too.
    std::fprintf(stderr, "worker %d: %s\n", static_cast<int>(::getpid()), e.what());
    code = 1;
  } catch (...) {
    code = 1;
  }
  std::fflush(stderr);
  ::_exit(code);
}

/// Waits for `child`; true if it exited normally with status 0.
bool succeeded(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

Value Value::create(Region& region, const std::string& name, std::int64_t initial) {
  // construct<ValueCell>(name)(initial) finds room *inside the region* and
  // builds the cell there, lock included, under a name other processes can
  // look up. A `new ValueCell` would live in this process's private heap,
  // invisible to every other process.
  ValueCell* cell = region.memory().find_or_construct<ValueCell>(name.c_str())(initial);
  return Value(*cell);
}

void increment(Value& counter, int times) {
  for (int i = 0; i < times; ++i) {
    // `counter.store(counter.load() + 1)` is three steps: read, add, write.
    // If two processes read the same number, one of the two additions is
    // lost. The lock makes the three steps one: while we hold it, every other
    // process that wants to touch the counter waits in its own Lock.
    Lock lock(counter.get_lock());
    counter.store(counter.load() + 1);
  }  // `lock` unlocks here, at the end of each round (and if anything throws)
}

std::int64_t run_increments(int processes, int times) {
  // The region must exist *before* fork(): every child then inherits the
  // mapping, so all of them (and we) see the very same counter and lock.
  const std::string name = ipclab::unique_name("counter");
  Region region = Region::create(name);
  Value counter = Value::create(region, "counter", 0);

  std::vector<pid_t> children;
  int fork_error = 0;  // errno of a failed fork(), 0 if none
  for (int p = 0; p < processes; ++p) {
    // Flush first, or text still in stdio's buffer would be printed once by
    // us and once more by each child, which gets a copy of the buffer.
    std::fflush(nullptr);
    pid_t child = ::fork();
    if (child < 0) {
      fork_error = errno;
      break;
    }
    if (child == 0) run_worker(counter, times);
    children.push_back(child);
  }

  // Join every worker, even when one failed: a child nobody waits for stays a
  // zombie, and reading the total before they are all done reads too little.
  int failed = 0;
  for (pid_t child : children) {
    if (!succeeded(child)) ++failed;
  }

  // Every worker is gone, so nobody writes any more: no lock needed to read.
  std::int64_t total = counter.load();
  // The name goes, whatever happened: otherwise the segment stays in
  // /dev/shm after this process has ended.
  Region::remove(name);

  if (fork_error != 0) throw std::system_error(fork_error, std::generic_category(), "fork");
  if (failed > 0) {
    throw std::runtime_error("run_increments: " + std::to_string(failed) + " of " +
                             std::to_string(processes) + " workers failed");
  }
  return total;
}

}  // namespace ipclab::shm
