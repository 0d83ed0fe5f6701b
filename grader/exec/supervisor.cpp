#include "supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace ipclab::exec {

using std::chrono::milliseconds;

StopSequence terminate_then_kill(milliseconds grace) {
  if (grace.count() <= 0) return {{SIGKILL, milliseconds(0)}};
  return {{SIGTERM, grace}, {SIGKILL, milliseconds(0)}};
}

Supervisor::Supervisor(Child& child, SupervisorOptions options)
    : child_(child), options_(options) {}

void Supervisor::collect(UniqueFd& fd, std::string& sink, Capture capture) {
  streams_.push_back({&fd, &sink, capture});
}

void Supervisor::feed(UniqueFd& fd, std::string data) {
  if (data.empty()) {
    fd.reset();
    return;
  }
  ::fcntl(fd.get(), F_SETFL, O_NONBLOCK);
  stdin_ = &fd;
  pending_stdin_ = std::move(data);
}

Wake Supervisor::wait(SteadyClock::time_point deadline, std::optional<Watch> watch) {
  for (;;) {
    // The watched descriptor first: a reply sent just before exiting is a reply.
    if (look(slice_until(deadline), watch)) return Wake::ready;
    if (child_.try_wait()) return Wake::exited;
    if (output_ > options_.output_limit) return Wake::output_limit;
    if (options_.cancel.cancelled()) return Wake::cancelled;
    if (clock().now() >= deadline) return Wake::deadline;
  }
}

ExitStatus Supervisor::stop(const StopSequence& sequence) {
  bool killed = false;
  for (const StopStep& step : sequence) {
    if (child_.status()) break;
    if (step.signal != 0) child_.send(step.signal);
    killed = killed || step.signal == SIGKILL;
    const SteadyClock::time_point until = clock().now() + step.wait;
    while (!child_.try_wait() && clock().now() < until)
      look(slice_until(until), std::nullopt);
  }
  // SIGKILL cannot be ignored: once sent, the blocking reap is short.
  if (!killed && !child_.try_wait()) child_.send(SIGKILL);
  return child_.wait();
}

void Supervisor::drain(milliseconds budget) {
  const SteadyClock::time_point until = clock().now() + budget;
  while (any_open() && clock().now() < until)
    look(std::min(slice_until(until), milliseconds(10)), std::nullopt);
}

milliseconds Supervisor::slice_until(SteadyClock::time_point deadline) const {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - clock().now());
  return std::clamp(left, milliseconds(0), options_.tick);
}

/// One poll() of the process, the streams, stdin and `watch`; handles what is
/// ready. Returns true when `watch` is ready.
bool Supervisor::look(milliseconds timeout, std::optional<Watch> watch) {
  std::vector<pollfd> entries;
  entries.push_back({child_.status() ? -1 : child_.pidfd(), POLLIN, 0});
  for (const Stream& stream : streams_)
    entries.push_back({stream.fd->get(), POLLIN, 0});
  entries.push_back({stdin_ != nullptr ? stdin_->get() : -1, POLLOUT, 0});
  entries.push_back({watch ? watch->fd : -1, watch ? watch->events : short(0), 0});
  int n = ::poll(entries.data(), entries.size(), static_cast<int>(timeout.count()));
  if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "poll");
  if (n <= 0) return false;
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    if (entries[i + 1].revents != 0) read_from(streams_[i]);
  }
  if (entries[entries.size() - 2].revents != 0) write_stdin();
  return entries.back().revents != 0;
}

void Supervisor::read_from(Stream& stream) {
  char buffer[65536];
  ssize_t n = ::read(stream.fd->get(), buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    stream.fd->reset();
    return;
  }
  const std::size_t got = static_cast<std::size_t>(n);
  std::string& sink = *stream.sink;
  const std::size_t cap = stream.capture.cap;
  if (stream.capture.counts_as_output) output_ += got;
  if (stream.capture.keep_tail) {
    sink.append(buffer, got);
    if (sink.size() > cap) sink.erase(0, sink.size() - cap);
    return;
  }
  std::size_t keep = std::min(got, cap - std::min(cap, sink.size()));
  sink.append(buffer, keep);
  if (keep < got) truncated_ = true;
}

void Supervisor::write_stdin() {
  ssize_t n = ::write(stdin_->get(), pending_stdin_.data(), pending_stdin_.size());
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n < 0)
    pending_stdin_.clear();  // the child closed its stdin: nothing more to say
  else
    pending_stdin_.erase(0, static_cast<std::size_t>(n));
  if (!pending_stdin_.empty()) return;
  stdin_->reset();
  stdin_ = nullptr;
}

bool Supervisor::any_open() const {
  return std::any_of(streams_.begin(), streams_.end(),
                     [](const Stream& stream) { return static_cast<bool>(*stream.fd); });
}

}  // namespace ipclab::exec
