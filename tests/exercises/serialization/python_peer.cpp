#include "python_peer.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "exec/child.hpp"
#include "exec/supervisor.hpp"
#include "harness/driver.hpp"
#include "harness/outcome.hpp"
#include "harness/words.hpp"

namespace serial {
namespace {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;
using ipclab::harness::tr;
using ipclab::harness::trf;
namespace exec = ipclab::exec;

/// pickle_peer.py is at once a Python program and a C++ string literal.
const char* const kPeerScript =
#include "pickle_peer.py"
    ;

constexpr int kChannelFd = 3;

/// True if a user other than the owner may run `path` (every folder above it
/// searchable, the file executable). Checked before spawning unprivileged: a
/// failed exec in the child would run this process's exit handlers there.
bool runnable_by_others(const std::string& path) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(path, ec);
  if (ec) return false;
  for (std::filesystem::path at = real; !at.empty(); at = at.parent_path()) {
    struct stat info {};
    if (::stat(at.c_str(), &info) != 0 || !(info.st_mode & S_IXOTH)) return false;
    if (at == at.root_path()) break;
  }
  return true;
}

/// The python3 programs to try, in order; empty (with the reason) if none.
std::vector<std::string> find_pythons(std::string* why_not) {
  if (const char* forced = std::getenv("IPCLAB_PYTHON")) {
    std::string path = forced;
    if (path.empty() || path == "none") {
      *why_not = trf("IPCLAB_PYTHON is set to '{}', which turns the Python checks off", path);
      return {};
    }
    if (::access(path.c_str(), X_OK) != 0) {
      *why_not = trf("IPCLAB_PYTHON={} is not a program that can be run", path);
      return {};
    }
    return {path};
  }
  const char* env_path = std::getenv("PATH");
  std::string dirs = env_path != nullptr ? env_path : "/usr/bin:/bin";
  std::vector<std::string> found;
  for (std::size_t start = 0; start <= dirs.size();) {
    std::size_t end = std::min(dirs.find(':', start), dirs.size());
    std::string candidate = dirs.substr(start, end - start) + "/python3";
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) found.push_back(candidate);
    start = end + 1;
  }
  if (found.empty()) {
    *why_not =
        trf("python3 was not found on PATH ({}): install python3 on the grading machine, or set "
            "IPCLAB_PYTHON to its path",
            dirs);
  }
  return found;
}

exec::ProcessSpec peer_spec(const std::string& python) {
  exec::ProcessSpec spec;
  spec.executable = python;
  spec.args = {"-I", "-S", "-c", kPeerScript, "serve"};
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/nonexistent"};
  spec.working_dir = "/";
  spec.limits.address_space_bytes = 1ull << 30;
  spec.limits.open_files = 64;
  // It unpickles bytes written by student code: never as root.
  if (::geteuid() == 0)
    spec.run_as = ipclab::harness::unprivileged_user(ipclab::harness::Build::reference);
  return spec;
}

}  // namespace

struct PythonPeer::State {
  exec::Child child;
  exec::UniqueFd channel;
  std::string pending;
  std::string description;

  /// The reply line, or nullopt (with `problem` set) if there is none.
  std::optional<std::string> exchange(const std::string& request, std::chrono::milliseconds timeout,
                                      std::string* problem) {
    std::string out = request + "\n";
    if (::send(channel.get(), out.data(), out.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(out.size())) {
      *problem = tr("python3 stopped taking requests");
      return std::nullopt;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    exec::Supervisor supervisor(child);
    for (;;) {
      if (auto at = pending.find('\n'); at != std::string::npos) {
        std::string line = pending.substr(0, at);
        pending.erase(0, at + 1);
        return line;
      }
      exec::Wake wake = supervisor.wait(deadline, exec::Watch{channel.get(), POLLIN});
      if (wake == exec::Wake::deadline) {
        *problem = trf("python3 did not answer within {} ms", timeout.count());
        return std::nullopt;
      }
      char buffer[65536];
      ssize_t n = ::recv(channel.get(), buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0) {
        pending.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || wake == exec::Wake::exited || (errno != EINTR && errno != EAGAIN)) {
        *problem = trf("python3 ended ({}): {}", exec::describe(child.wait()), error_output());
        return std::nullopt;
      }
    }
  }

  std::string error_output() {
    std::string text;
    char buffer[4096];
    pollfd entry{child.stderr_pipe().get(), POLLIN, 0};
    while (::poll(&entry, 1, 100) > 0) {
      ssize_t n = ::read(entry.fd, buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text.empty() ? tr("(it printed nothing)") : text.substr(0, 2000);
  }
};

std::optional<PythonPeer> PythonPeer::start(std::string* why_not) {
  std::vector<std::string> pythons = find_pythons(why_not);
  std::string problems;
  for (const std::string& python : pythons) {
    std::string problem = trf("{} cannot be run by the unprivileged user", python);
    if (::geteuid() == 0 && !runnable_by_others(python)) {
      problems += (problems.empty() ? "" : "; ") + problem;
      continue;
    }
    if (auto peer = start_with(python, &problem)) return peer;
    problems += (problems.empty() ? "" : "; ") + problem;
  }
  if (!pythons.empty()) *why_not = trf("no python3 could run the Python peer: {}", problems);
  return std::nullopt;
}

std::optional<PythonPeer> PythonPeer::start_with(const std::string& python, std::string* why_not) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    abort_test(Outcome::unresolved, tr("socketpair failed for the Python peer"));
  }
  exec::UniqueFd mine(pair[0]);
  exec::UniqueFd theirs(pair[1]);
  exec::ProcessSpec spec = peer_spec(python);
  spec.fds.push_back({theirs.get(), kChannelFd});
  exec::SpawnOptions options;
  options.pipe_stdout = false;
  try {
    auto state =
        std::unique_ptr<State>(new State{exec::spawn(spec, options), std::move(mine), {}, {}});
    theirs.reset();
    std::string problem;
    std::optional<std::string> hello = state->exchange("hello", 20s, &problem);
    if (!hello || hello->rfind("ok ", 0) != 0) {
      *why_not = trf("{} did not start the Python peer: {}", python, hello ? *hello : problem);
      return std::nullopt;
    }
    state->description = "python3 " + hello->substr(3) + " (" + python + ")";
    return PythonPeer(std::move(state));
  } catch (const std::exception& e) {  // SpawnError, or the launcher's system_error
    *why_not = trf("{} could not be started: {}", python, e.what());
    return std::nullopt;
  }
}

PythonPeer::PythonPeer(std::unique_ptr<State> state) : state_(std::move(state)) {}
PythonPeer::PythonPeer(PythonPeer&&) noexcept = default;
PythonPeer& PythonPeer::operator=(PythonPeer&&) noexcept = default;
PythonPeer::~PythonPeer() {
  if (state_) exec::Supervisor(state_->child).stop(exec::terminate_then_kill(200ms));
}

std::string PythonPeer::call(const std::string& request, std::chrono::milliseconds timeout) {
  std::string problem;
  std::optional<std::string> reply = state_->exchange(request, timeout, &problem);
  if (!reply) {
    abort_test(Outcome::unresolved,
               trf("the Python peer failed ({}): {} -- the grader's fault, not yours",
                   state_->description, problem));
  }
  return *reply;
}

const std::string& PythonPeer::description() const {
  return state_->description;
}

}  // namespace serial
