#include "wire.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include <gtest/gtest.h>

#include "harness/outcome.hpp"

namespace pipe_harness {

using ipclab::exec::UniqueFd;
using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

std::pair<UniqueFd, UniqueFd> socket_pair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    abort_test(Outcome::unresolved, tr("socketpair failed in the harness"));
  }
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

std::pair<Driver, UniqueFd> driver_with_raw_peer(Build build) {
  auto [mine, theirs] = socket_pair();
  Driver driver = Driver::start(build, {{theirs.get(), kConnectionFd}});
  driver.ok("adopt c " + std::to_string(kConnectionFd) + " 1 1");
  return {std::move(driver), std::move(mine)};
}

std::pair<Driver, Driver> connected_drivers(Build first, Build second) {
  auto [a, b] = socket_pair();
  Driver one = Driver::start(first, {{a.get(), kConnectionFd}});
  Driver two = Driver::start(second, {{b.get(), kConnectionFd}});
  // Our copies close here, at the end of this scope: only the drivers hold the ends.
  one.ok("adopt c " + std::to_string(kConnectionFd) + " 1 1");
  two.ok("adopt c " + std::to_string(kConnectionFd) + " 1 1");
  return {std::move(one), std::move(two)};
}

Bytes read_raw(int fd, std::size_t size, std::chrono::milliseconds timeout) {
  Bytes data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (data.size() < size) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) continue;
    std::uint8_t buffer[65536];
    ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, size - data.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.insert(data.end(), buffer, buffer + n);
  }
  return data;
}

Bytes read_raw_during(Driver& driver, const std::string& call, int fd, std::size_t size,
                      std::chrono::milliseconds timeout) {
  Bytes data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (data.size() < size && std::chrono::steady_clock::now() < deadline) {
    Bytes more = read_raw(fd, size - data.size(), 50ms);
    data.insert(data.end(), more.begin(), more.end());
    if (data.size() >= size) break;
    if (std::optional<Reply> early = driver.poll_reply(0ms)) {
      abort_test(Outcome::failed, trf("{} returned before writing what it should ({} so far): {}",
                                      call, show(data), early->line.substr(0, 200)));
    }
  }
  return data;
}

void write_raw(int fd, const Bytes& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      abort_test(Outcome::unresolved, tr("the harness could not write to the connection"));
    done += static_cast<std::size_t>(n);
  }
}

Bytes frame(const Bytes& message) {
  std::size_t n = message.size();
  // Sized once, then filled: GCC 12 -O2 misreads insert() after a 4-byte
  // initializer list as an out-of-bounds copy (-Warray-bounds).
  Bytes out(4 + n);
  for (int i = 0; i < 4; ++i)
    out[i] = static_cast<std::uint8_t>(n >> (24 - 8 * i));
  std::copy(message.begin(), message.end(), out.begin() + 4);
  return out;
}

std::string show(const Bytes& data) {
  constexpr std::size_t kShown = 48;
  std::string text = "b'";
  for (std::size_t i = 0; i < data.size() && i < kShown; ++i) {
    std::uint8_t c = data[i];
    if (c == '\\' || c == '\'')
      text += std::string("\\") + static_cast<char>(c);
    else if (c >= 32 && c < 127)
      text += static_cast<char>(c);
    else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      text += hex;
    }
  }
  text += "'";
  if (data.size() > kShown) text += trf("... ({} bytes)", data.size());
  return text;
}

Bytes reply_bytes(const Reply& reply, std::size_t index) {
  const std::string& word = reply.word(index);
  try {
    return ipclab::from_hex(word);
  } catch (const std::exception&) {
    abort_test(Outcome::failed,
               trf("the driver replied '{}', which does not carry the message bytes",
                   reply.line.substr(0, 200)));
  }
}

void expect_recv(Driver& driver, const std::string& name, const Bytes& expected,
                 const std::string& context, std::chrono::milliseconds timeout) {
  Reply reply = driver.call("recv " + name, timeout);
  if (!reply.ok) {
    ADD_FAILURE() << trf("{}: expected the message {} but recv_bytes() threw {}: {}", context,
                         show(expected), reply.kind, reply.message);
    return;
  }
  if (expected.size() > 65536) {
    if (reply.number(0) != static_cast<long long>(expected.size()) ||
        reply.word(1) != "digest:" + ipclab::digest(expected)) {
      ADD_FAILURE() << trf("{}: the {}-byte message arrived as {} bytes with different content",
                           context, expected.size(), reply.word(0));
    }
    return;
  }
  Bytes got = reply_bytes(reply, 1);
  if (got != expected) {
    ADD_FAILURE() << trf("{}: expected the message {} but got {}", context, show(expected),
                         show(got));
  }
}

std::pair<long long, Reply> timed_call(Driver& driver, const std::string& request,
                                       std::chrono::milliseconds timeout) {
  auto start = std::chrono::steady_clock::now();
  Reply reply = driver.call(request, timeout);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return {took.count(), reply};
}

}  // namespace pipe_harness
