// Reference implementation of the pipe ping-pong Connection: the oracle the
// harness pairs student processes with. Written independently of the model
// answer in solutions/.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "connection.hpp"

namespace ipclab::pipe {
namespace {

[[noreturn]] void fail(const char* call) {
  throw std::system_error(errno, std::generic_category(), call);
}

std::array<std::uint8_t, 4> encode_length(std::size_t length) {
  return {static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
          static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

std::size_t decode_length(const std::array<std::uint8_t, 4>& header) {
  std::uint32_t value = 0;
  for (std::uint8_t byte : header)
    value = (value << 8) | byte;
  if (value > kMaxMessage) throw std::runtime_error("bad message header: negative length");
  return value;
}

}  // namespace

void write_all(int fd, std::span<const std::uint8_t> data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    data = data.subspan(static_cast<std::size_t>(n));
  }
}

bool read_exact(int fd, std::span<std::uint8_t> out) {
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read");
    if (n == 0) {
      if (got == 0) return false;
      throw EndOfStream("stream ended in the middle of a message");
    }
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void Connection::send_bytes(std::span<const std::uint8_t> buf, std::size_t offset,
                            std::optional<std::size_t> size) {
  check_writable();
  if (offset > buf.size()) throw std::out_of_range("offset is past the end of the buffer");
  std::size_t length = size.value_or(buf.size() - offset);
  if (length > buf.size() - offset) throw std::out_of_range("buffer length < offset + size");
  if (length > kMaxMessage) throw std::out_of_range("message too long");
  auto header = encode_length(length);
  write_all(fd_, header);
  write_all(fd_, buf.subspan(offset, length));
}

Bytes Connection::recv_bytes() {
  check_readable();
  std::array<std::uint8_t, 4> header;
  if (!read_exact(fd_, header)) throw EndOfStream("the other end is closed");
  Bytes message(decode_length(header));
  if (!read_exact(fd_, message) && !message.empty()) throw EndOfStream("truncated message");
  return message;
}

std::size_t Connection::recv_bytes_into(std::span<std::uint8_t> buf, std::size_t offset) {
  if (offset > buf.size()) throw std::out_of_range("offset is past the end of the buffer");
  Bytes message = recv_bytes();
  if (message.size() > buf.size() - offset) throw BufferTooShort(std::move(message));
  std::copy(message.begin(), message.end(), buf.begin() + static_cast<std::ptrdiff_t>(offset));
  return message.size();
}

bool Connection::poll(std::chrono::milliseconds timeout) {
  check_readable();
  pollfd entry{fd_, POLLIN, 0};
  auto deadline =
      std::chrono::steady_clock::now() + std::max(timeout, std::chrono::milliseconds{0});
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    int n = ::poll(&entry, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("poll");
    return n > 0;
  }
}

std::pair<Connection, Connection> Pipe(bool duplex) {
  int fds[2];
  if (duplex) {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) fail("socketpair");
    return {Connection(fds[0], true, true), Connection(fds[1], true, true)};
  }
  if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
  return {Connection(fds[0], true, false), Connection(fds[1], false, true)};
}

}  // namespace ipclab::pipe
