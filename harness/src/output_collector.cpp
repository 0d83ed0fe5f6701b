#include "output_collector.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <thread>

namespace ipclab::harness {

OutputCollector::OutputCollector(exec::UniqueFd out, exec::UniqueFd err, std::size_t cap,
                                 std::function<void()> on_flood)
    : out_(std::move(out)),
      err_(std::move(err)),
      stop_(::eventfd(0, EFD_CLOEXEC)),
      cap_(cap),
      on_flood_(std::move(on_flood)),
      thread_([this] { run(); }) {}

OutputCollector::~OutputCollector() {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t ignored = ::write(stop_.get(), &one, sizeof one);
  thread_.join();
}

std::string OutputCollector::text() const {
  // What a process wrote before it exited may still sit in the pipe, not yet read by
  // the thread (seen under load: a message without the stub's "not implemented yet").
  // Wait briefly until nothing is pending, so a message quotes all of it.
  for (int tries = 0; tries < 100; ++tries) {
    {
      std::lock_guard lock(mutex_);
      if (!pending()) return text_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::lock_guard lock(mutex_);
  return text_;
}

bool OutputCollector::pending() const {
  for (const exec::UniqueFd* fd : {&out_, &err_}) {
    int bytes = 0;
    if (*fd && ::ioctl(fd->get(), FIONREAD, &bytes) == 0 && bytes > 0) return true;
  }
  return false;
}

bool OutputCollector::flooded() const {
  std::lock_guard lock(mutex_);
  return total_ > cap_;
}

void OutputCollector::run() {
  for (;;) {
    pollfd entries[3] = {
        {stop_.get(), POLLIN, 0}, {out_.get(), POLLIN, 0}, {err_.get(), POLLIN, 0}};
    if (!out_ && !err_) return;
    if (::poll(entries, 3, -1) < 0 && errno != EINTR) return;
    if (entries[0].revents != 0) return;
    for (int i = 1; i < 3; ++i) {
      if (entries[i].revents == 0) continue;
      exec::UniqueFd& fd = i == 1 ? out_ : err_;
      char buffer[16384];
      bool flood_now = false;
      {
        // Read and append under the lock: text() sees the bytes either pending in
        // the pipe or in text_, never in between. poll() said readable: no block.
        std::lock_guard lock(mutex_);
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n <= 0) {
          if (n == 0 || errno != EINTR) fd.reset();
          continue;
        }
        std::size_t room = cap_ - std::min(cap_, text_.size());
        text_.append(buffer, std::min<std::size_t>(room, n));
        flood_now = total_ <= cap_ && total_ + n > cap_;
        total_ += static_cast<std::size_t>(n);
      }
      if (flood_now) on_flood_();
    }
  }
}

}  // namespace ipclab::harness
