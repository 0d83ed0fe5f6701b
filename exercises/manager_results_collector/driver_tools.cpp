// Provided: the longer commands of the driver (see driver_tools.hpp).
#include "driver_tools.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <vector>

#include "ipclab/bytes.hpp"

namespace ipclab::manager::tools {
namespace {

using ipclab::DriverError;
using ipclab::Reply;

/// The read ends of the ready pipes of spawned servers, by pid.
std::map<pid_t, int> ready_pipes;

/// Every server spawn_server() started.
std::vector<pid_t> spawned;

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed " + std::to_string(WTERMSIG(status));
  return "running";
}

/// The child's wait status once it has exited within `timeout_ms`.
std::optional<int> wait_exit(pid_t pid, std::int64_t timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      std::erase(spawned, pid);  // reaped: its pid may be reused
      return status;
    }
    if (done < 0 && errno != EINTR)
      throw DriverError("Usage", "no child process " + std::to_string(pid));
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string text_pattern(std::size_t size, std::uint32_t seed) {
  ipclab::Bytes bytes = ipclab::pattern(size, seed);
  return std::string(bytes.begin(), bytes.end());
}

/// One forked child of fork_check(): its exit code says how it went.
int fork_child(DictProxy& dict, int child, int rounds) {
  ::alarm(5);  // a reply that never comes ends the child ("hung")
  try {
    const std::string key = "fork_c" + std::to_string(child);
    for (int round = 0; round < rounds; ++round) {
      const Value value = std::int64_t{child} * 100000 + round;
      dict.set(key, value);
      if (dict.get(key) != value) return 2;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fork_check child %d: %s\n", child, e.what());
    return 3;
  }
}

std::string fork_verdict(int status) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "ok";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2) return "mismatch";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 3) return "error";
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) return "hung";
  return "failed";
}

}  // namespace

std::string show(const Value& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr || text->size() <= 200) return encode_value(value);
  return "s#" + std::to_string(text->size()) + "#" + ipclab::digest(ipclab::bytes_of(*text));
}

Reply spawn_server(const std::string& address) {
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(ready[0]);
    int code = 0;
    try {
      serve(address, ready[1]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "serve(\"%s\") threw: %s\n", address.c_str(), e.what());
      code = 1;
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  ::close(ready[1]);
  ready_pipes[pid] = ready[0];
  spawned.push_back(pid);
  return {std::to_string(pid)};
}

void stop_spawned_servers() {
  for (pid_t pid : spawned) {
    if (::kill(pid, SIGTERM) == 0) ::waitpid(pid, nullptr, 0);
  }
  spawned.clear();
}

Reply server_ready(pid_t pid, std::int64_t timeout_ms) {
  auto it = ready_pipes.find(pid);
  if (it == ready_pipes.end())
    throw DriverError("Usage", "no spawned server " + std::to_string(pid));
  pollfd entry{it->second, POLLIN, 0};
  int ready = ::poll(&entry, 1, static_cast<int>(timeout_ms));
  if (ready <= 0) return {"0"};
  char byte = 0;
  ssize_t n = ::read(it->second, &byte, 1);
  ::close(it->second);
  ready_pipes.erase(it);
  if (n == 1) return {"1"};
  std::optional<int> status = wait_exit(pid, 1000);
  if (status) {
    throw DriverError("ServerFailed",
                      "the server process " + describe_status(*status) + " before it was ready");
  }
  throw DriverError("ServerFailed", "serve() closed ready_fd without writing a byte");
}

Reply server_wait(pid_t pid, std::int64_t timeout_ms) {
  std::optional<int> status = wait_exit(pid, timeout_ms);
  if (!status) return {"running"};
  std::string text = describe_status(*status);  // "exited 0" -> two words
  std::size_t space = text.find(' ');
  return {text.substr(0, space), text.substr(space + 1)};
}

void hammer(DictProxy& dict, ListProxy& list, std::int64_t id, std::int64_t rounds,
            std::size_t size) {
  for (std::int64_t i = 0; i < rounds; ++i) {
    dict.add("shared", 1);
    const std::int64_t tag = id * 1000000 + i;
    Value mine =
        size == 0 ? Value{tag} : Value{text_pattern(size, static_cast<std::uint32_t>(tag))};
    dict.set("c" + std::to_string(id) + "_" + std::to_string(i), mine);
    list.append(tag);
  }
}

Reply fork_check(DictProxy& dict, int children, int rounds) {
  dict.set("fork_parent", std::int64_t{-1});  // this process opens its connection now
  std::vector<pid_t> pids;
  for (int child = 0; child < children; ++child) {
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(fork_child(dict, child, rounds));
    if (pid > 0) pids.push_back(pid);
  }
  Reply reply;
  bool all_ok = true;
  for (pid_t pid : pids) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    reply.push_back(fork_verdict(status));
    all_ok = all_ok && reply.back() == "ok";
  }
  // Only with clean children: after a mix-up, a reply may never come.
  if (all_ok)
    reply.push_back(dict.get("fork_parent") == Value{std::int64_t{-1}} ? "ok" : "mismatch");
  return reply;
}

}  // namespace ipclab::manager::tools
