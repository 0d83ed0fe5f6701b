// spawn(): the only place that starts processes. Boost.Process v2 does the
// fork/exec handshake; ExecSetup does everything in between.
//
// Boost 1.81 quirks handled here (see the Boost.Process tracker):
//  - the launcher's own fd closing does nothing before 1.85 (PR #360), so
//    ExecSetup marks every other descriptor close-on-exec itself;
//  - process_environment does not link header-only before 1.84 (#312), so the
//    environment is handed to the launcher directly (launcher.env);
//  - a failed exec leaves a zombie and runs exit() in the child (#285, #514),
//    so the program is checked before the launch and stdio flushed first;
//  - an error returned by a hook is only reported through errno, so a failing
//    setup step reports on its own pipe and ends the child itself.
#include "child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/process/v2/process.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "exec_setup.hpp"
#include "orphan_reaper.hpp"
#include "process_tree.hpp"

namespace ipclab::exec {

namespace bp2 = boost::process::v2;
namespace asio = boost::asio;

PipePair make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe2");
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

struct Child::Handle {
  // One io_context per child: the launcher calls notify_fork() on it, which
  // must not race with another launch on another thread.
  asio::io_context context;
  std::optional<bp2::process> process;
  // Our own pidfd: Boost 1.81 keeps its one private.
  UniqueFd pidfd;
  pid_t pid = -1;

  /// Called once the pid is reaped: Boost must never touch it again (its
  /// destructor would SIGKILL whatever process reuses the number).
  void forget() {
    if (process) process->detach();
    OrphanReaper::instance().release(pid);
  }

  /// Starts `spec` with `setup` in the child, adopted by the orphan reaper,
  /// and opens its pidfd. Throws SpawnError when the launch fails.
  void launch(const ProcessSpec& spec, const ExecSetup& setup);
};

namespace {

/// Adapts ExecSetup to Boost.Process v2's initializer protocol.
struct BoostExecSetup {
  const ExecSetup& setup;

  template <class Launcher, class Path, class Argv>
  bp2::error_code on_setup(Launcher& launcher, const Path&, Argv&&) {
    launcher.env = setup.envp();
    for (int fd : setup.child_fds())
      launcher.fd_whitelist.push_back(fd);
    return {};
  }

  template <class Launcher, class Path, class Argv>
  bp2::error_code on_exec_setup(Launcher&, const Path&, Argv&&) {
    setup.apply();  // ends the child itself on failure
    return {};
  }
};

UniqueFd open_dev_null(int flags) {
  int fd = ::open("/dev/null", flags | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open /dev/null");
  return UniqueFd(fd);
}

void check_executable(const ProcessSpec& spec) {
  if (::access(spec.executable.c_str(), X_OK) != 0) {
    throw SpawnError("cannot run " + spec.executable.string() + ": " + std::strerror(errno));
  }
}

/// Reads the setup report pipe after the launch: empty means every step passed.
std::optional<SetupFailure> read_setup_report(int fd) {
  SetupFailure failure{};
  ssize_t n;
  do {
    n = ::read(fd, &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof failure)) return failure;
  return std::nullopt;
}

/// The child's ends of its streams and channels, and the numbers they get in
/// the child. The parent closes its copies once the child has them.
struct ChildEnds {
  std::vector<FdMapping> fds;
  std::vector<UniqueFd> owned;

  /// Gives the child `child_fd`: /dev/null, or one end of a fresh pipe whose
  /// other end goes to `parent_end`.
  void connect(bool as_pipe, int child_fd, bool child_reads, UniqueFd& parent_end) {
    if (!as_pipe) {
      owned.push_back(open_dev_null(child_reads ? O_RDONLY : O_WRONLY));
    } else {
      PipePair pipe = make_pipe();
      parent_end = child_reads ? std::move(pipe.write) : std::move(pipe.read);
      owned.push_back(child_reads ? std::move(pipe.read) : std::move(pipe.write));
    }
    fds.push_back({owned.back().get(), child_fd});
  }
};

}  // namespace

void Child::Handle::launch(const ProcessSpec& spec, const ExecSetup& setup) {
  std::vector<std::string> args = spec.args;
  std::fflush(nullptr);  // a failed exec runs exit() in the child: nothing buffered to repeat
  {
    auto lock = OrphanReaper::instance().launch_lock();
    try {
      process.emplace(context, bp2::filesystem::path(spec.executable.string()), args,
                      BoostExecSetup{setup});
    } catch (const std::system_error& e) {
      throw SpawnError("cannot start " + spec.executable.string() + ": " + e.what());
    }
    pid = process->id();
    OrphanReaper::instance().adopt(pid);
  }
  // Safe from pid reuse: the child is ours and not reaped yet.
  pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd) throw std::system_error(errno, std::generic_category(), "pidfd_open");
}

Child::Child() : handle_(std::make_unique<Handle>()) {}
Child::Child(Child&&) noexcept = default;
Child& Child::operator=(Child&&) noexcept = default;

Child::~Child() {
  if (!handle_ || !handle_->process || status_) return;
  kill();
  wait();
}

pid_t Child::pid() const {
  return handle_->pid;
}
int Child::pidfd() const {
  return handle_->pidfd.get();
}

std::optional<ExitStatus> Child::try_wait() {
  if (status_) return status_;
  int raw = 0;
  pid_t result;
  do {
    result = ::waitpid(pid(), &raw, WNOHANG);
  } while (result < 0 && errno == EINTR);
  if (result == 0) return std::nullopt;
  status_ = result == pid() ? decode_wait_status(raw) : ExitStatus{};
  handle_->forget();
  return status_;
}

ExitStatus Child::wait() {
  if (status_) return *status_;
  int raw = 0;
  pid_t result;
  do {
    result = ::waitpid(pid(), &raw, 0);
  } while (result < 0 && errno == EINTR);
  status_ = result == pid() ? decode_wait_status(raw) : ExitStatus{};
  handle_->forget();
  return *status_;
}

void Child::send(int signal) {
  if (status_) return;  // reaped: the pid may be someone else's now
  if (signal != SIGKILL) {
    // The process leads its group (setsid() in ExecSetup) and a session
    // leader cannot leave it: the group's signal reaches it, once.
    signal_tree(pid(), signal);
    return;
  }
  ::kill(pid(), SIGSTOP);  // freeze the root so it cannot start new children
  kill_descendants(pid(), std::chrono::milliseconds(2000));
  ::kill(-pid(), SIGKILL);
  ::kill(pid(), SIGKILL);
}

void Child::terminate() {
  send(SIGTERM);
}

void Child::kill() {
  send(SIGKILL);
}

Child spawn(const ProcessSpec& spec, const SpawnOptions& options) {
  check_executable(spec);
  Child child;
  ChildEnds ends;
  ends.connect(options.pipe_stdin, STDIN_FILENO, true, child.stdin_);
  ends.connect(options.pipe_stdout, STDOUT_FILENO, false, child.stdout_);
  ends.connect(options.pipe_stderr, STDERR_FILENO, false, child.stderr_);
  for (int fd : options.capture_fds)
    ends.connect(true, fd, false, child.channels_[fd]);
  ends.fds.insert(ends.fds.end(), spec.fds.begin(), spec.fds.end());

  PipePair report = make_pipe();
  ExecSetup setup(spec, ends.fds, report.write.get());
  child.handle_->launch(spec, setup);
  report.write.reset();
  if (auto failure = read_setup_report(report.read.get())) {
    child.wait();
    throw SpawnError("cannot start " + spec.executable.string() + ": " + describe(*failure));
  }
  return child;
}

ExitStatus decode_wait_status(int status) {
  if (WIFEXITED(status)) return {true, WEXITSTATUS(status), 0};
  if (WIFSIGNALED(status)) return {false, -1, WTERMSIG(status)};
  return {};
}

std::string describe(const ExitStatus& status) {
  if (status.exited) return "exit code " + std::to_string(status.exit_code);
  if (status.signal == 0) return "unknown status";
  return "killed by " + signal_name(status.signal) + " (" + ::strsignal(status.signal) + ")";
}

}  // namespace ipclab::exec
