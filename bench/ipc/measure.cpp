#include "measure.hpp"

#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace ipclab::bench {

std::string to_string(Placement placement) {
  switch (placement) {
    case Placement::same_cpu:
      return "same CPU";
    case Placement::cross_cpu:
      return "different CPUs";
    case Placement::unpinned:
      return "unpinned";
  }
  return "?";
}

int parent_cpu(Placement placement) {
  return placement == Placement::unpinned ? -1 : 0;
}

int child_cpu(Placement placement) {
  switch (placement) {
    case Placement::same_cpu:
      return 0;
    case Placement::cross_cpu:
      return std::thread::hardware_concurrency() > 1 ? 1 : 0;
    case Placement::unpinned:
      return -1;
  }
  return -1;
}

void pin_to(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (cpu >= 0) {
    CPU_SET(cpu, &set);
  } else {
    for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i)
      CPU_SET(i, &set);
  }
  if (::sched_setaffinity(0, sizeof set, &set) != 0) {
    throw std::system_error(errno, std::generic_category(), "sched_setaffinity");
  }
}

pid_t fork_pinned(int cpu, const std::function<void()>& body) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid > 0) return pid;
  int code = 0;
  try {
    pin_to(cpu);
    body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-ipc: child: %s\n", e.what());
    code = 1;
  }
  std::fflush(nullptr);
  ::_exit(code);
}

void join(pid_t pid, const std::string& what) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(what + ": the peer process failed");
  }
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string unique_ipc_name(const std::string& stem) {
  static std::atomic<int> counter{0};
  return "ipclab-bench-" + stem + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

void* shared_anonymous(std::size_t bytes) {
  void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap");
  return memory;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace ipclab::bench
