// Locked shared counter, part 2: an Array in shared memory, updated element by
// element and summed up by a child process. Model answer.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>

#include "shared_value.hpp"

namespace ipclab::shm {

Array Array::create(Region& region, const std::string& name, std::size_t length) {
  bip::managed_shared_memory& memory = region.memory();
  // The cell (lock + length) is a named object, so other processes find the
  // array by its name.
  ArrayCell* cell = memory.construct<ArrayCell>(name.c_str())(length);
  // The items are plain memory from the same region: every process that maps
  // the region can reach them through cell->items (an offset_ptr, which
  // works wherever each process happens to map the region).
  void* bytes = memory.allocate(length * sizeof(std::int64_t));
  auto* items = static_cast<std::int64_t*>(bytes);
  // allocate() does not clear anything: memory given back by an earlier
  // array comes back with that array's numbers in it. Python's Array('q', n)
  // is all zeros, and so is ours.
  for (std::size_t i = 0; i < length; ++i)
    items[i] = 0;
  cell->items = items;
  return Array(*cell);
}

void add_at(Array& array, std::size_t index, std::int64_t delta) {
  // A Lock object unlocks in its destructor, which also runs when load()
  // throws std::out_of_range for a bad index. With lock()/unlock() by hand,
  // that exception would skip the unlock() and leave every other process
  // waiting for a lock nobody will ever release.
  Lock lock(array.get_lock());
  array.store(index, array.load(index) + delta);
}

void prefix_sum(Array& array) {
  // One lock for the whole loop: another process sees the array either
  // before or after the sum, never half-way through it.
  for (std::size_t i = 1; i < array.size(); ++i) {
    Lock lock(array.get_lock());  // each item is updated under the lock
    array.store(i, array.load(i) + array.load(i - 1));
  }
}

void run_prefix_sum(Array& array) {
  std::fflush(nullptr);  // or buffered output would be printed twice
  pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    // The child works directly on the shared items: no copy, nothing to send
    // back. Then it ends with _exit(), never returning into the parent's code.
    int code = 0;
    try {
      prefix_sum(array);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "prefix_sum child: %s\n", e.what());
      code = 1;
    }
    std::fflush(stderr);
    ::_exit(code);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("run_prefix_sum: the child process failed");
  }
  // Nothing to copy back: the child wrote into shared memory, which we see.
}

}  // namespace ipclab::shm
