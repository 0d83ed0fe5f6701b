#include "process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ipclab::exec {
namespace {

using Clock = std::chrono::steady_clock;

/// One readable stream of the child and where its bytes go.
struct Stream {
  UniqueFd* fd;
  std::string* sink;
  std::size_t cap;
  bool counts_as_output;
};

/// Everything the poll loop tracks for one run.
class RunLoop {
 public:
  RunLoop(Child& child, const RunOptions& options, ProcessResult& result)
      : child_(child), options_(options), result_(result) {
    streams_.push_back({&child.stdout_pipe(), &result.out, options.output_cap_bytes, true});
    streams_.push_back({&child.stderr_pipe(), &result.err, options.output_cap_bytes, true});
    for (int fd : options.capture_fds) {
      streams_.push_back(
          {&child.channel(fd), &result.channels[fd], options.channel_cap_bytes, false});
    }
    pending_stdin_ = options.stdin_data;
    if (pending_stdin_.empty())
      child.stdin_pipe().reset();
    else
      ::fcntl(child.stdin_pipe().get(), F_SETFL, O_NONBLOCK);
  }

  /// Polls until the process exits, the deadline passes or output overflows.
  Termination supervise(Clock::time_point deadline) {
    for (;;) {
      if (child_.try_wait()) return exited();
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Termination::timed_out;
      poll_once(static_cast<int>(std::min<long long>(left.count(), 100)));
      if (output_ > options_.output_cap_bytes) return Termination::output_limit;
    }
  }

  /// After the process ended: collect what is still in the pipes, for at most
  /// `budget` (a leftover descendant may hold a write end open).
  void drain(std::chrono::milliseconds budget) {
    auto deadline = Clock::now() + budget;
    while (any_open() && Clock::now() < deadline)
      poll_once(10);
  }

 private:
  Termination exited() {
    return child_.status()->exited ? Termination::exited : Termination::signaled;
  }

  bool any_open() const {
    for (const Stream& s : streams_) {
      if (*s.fd) return true;
    }
    return false;
  }

  void poll_once(int timeout_ms) {
    std::vector<pollfd> entries;
    entries.push_back({child_.pidfd(), POLLIN, 0});
    for (const Stream& s : streams_)
      entries.push_back({s.fd->get(), POLLIN, 0});
    entries.push_back({child_.stdin_pipe().get(), POLLOUT, 0});
    int n = ::poll(entries.data(), entries.size(), timeout_ms);
    if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "poll");
    if (n <= 0) return;
    for (std::size_t i = 0; i < streams_.size(); ++i) {
      if (entries[i + 1].revents != 0) read_from(streams_[i]);
    }
    if (entries.back().revents != 0) write_stdin();
  }

  void read_from(Stream& stream) {
    char buffer[65536];
    ssize_t n = ::read(stream.fd->get(), buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      stream.fd->reset();
      return;
    }
    std::size_t keep =
        std::min<std::size_t>(n, stream.cap - std::min(stream.cap, stream.sink->size()));
    stream.sink->append(buffer, keep);
    if (keep < static_cast<std::size_t>(n)) result_.output_truncated = true;
    if (stream.counts_as_output) output_ += static_cast<std::size_t>(n);
  }

  void write_stdin() {
    ssize_t n = ::write(child_.stdin_pipe().get(), pending_stdin_.data(), pending_stdin_.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n < 0)
      pending_stdin_.clear();  // the child closed its stdin: nothing more to say
    else
      pending_stdin_.erase(0, static_cast<std::size_t>(n));
    if (pending_stdin_.empty()) child_.stdin_pipe().reset();
  }

  Child& child_;
  const RunOptions& options_;
  ProcessResult& result_;
  std::vector<Stream> streams_;
  std::string pending_stdin_;
  std::size_t output_ = 0;
};

int count_leftovers(pid_t pgid) {
  int count = 0;
  for (const ProcessInfo& p : list_processes()) {
    if ((p.pgid == pgid || p.sid == pgid) && p.state != 'Z' && p.pid != pgid) ++count;
  }
  return count;
}

}  // namespace

ProcessResult SystemProcessRunner::run(const ProcessSpec& spec, const RunOptions& options) {
  SpawnOptions spawn_options;
  spawn_options.pipe_stdin = !options.stdin_data.empty();
  spawn_options.capture_fds = options.capture_fds;
  auto start = Clock::now();
  Child child = spawn(spec, spawn_options);
  ProcessResult result;
  RunLoop loop(child, options, result);
  result.termination = loop.supervise(start + options.wall_time);
  if (result.termination == Termination::timed_out && options.snapshot_on_timeout) {
    result.snapshot = snapshot_tree(child.pid());
  }
  if (result.termination == Termination::timed_out ||
      result.termination == Termination::output_limit) {
    child.terminate_tree(options.kill_grace);
  }
  // Whatever is left of the process group is a leftover: killed here, and any
  // that escaped with setsid() is killed by the orphan reaper.
  result.leftover_processes = count_leftovers(child.pid());
  if (result.leftover_processes > 0) ::kill(-child.pid(), SIGKILL);
  loop.drain(std::chrono::milliseconds(200));
  result.status = *child.status();
  result.wall_time = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return result;
}

}  // namespace ipclab::exec
