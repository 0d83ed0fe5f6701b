// Reference implementation of the locked shared counter (Array part).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "shared_value.hpp"

namespace ipclab::shm {

Array Array::create(Region& region, const std::string& name, std::size_t length) {
  auto& memory = region.memory();
  ArrayCell* cell = memory.construct<ArrayCell>(name.c_str())(length);
  try {
    auto* items = static_cast<std::int64_t*>(memory.allocate(length * sizeof(std::int64_t)));
    std::fill_n(items, length, 0);
    cell->items = items;
  } catch (...) {
    memory.destroy_ptr(cell);
    throw;
  }
  return Array(*cell);
}

void add_at(Array& array, std::size_t index, std::int64_t delta) {
  Lock lock(array.get_lock());
  array.store(index, array.load(index) + delta);
}

void prefix_sum(Array& array) {
  Lock lock(array.get_lock());
  for (std::size_t i = 1; i < array.size(); ++i)
    array.store(i, array.load(i) + array.load(i - 1));
}

void run_prefix_sum(Array& array) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("run_prefix_sum: fork failed");
  if (pid == 0) {
    try {
      prefix_sum(array);
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("run_prefix_sum: the child failed");
  }
}

}  // namespace ipclab::shm
