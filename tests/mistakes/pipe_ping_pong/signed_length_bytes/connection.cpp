// Pipe ping-pong, part 1: the Connection. Model answer.
//
// The idea in one sentence: a pipe or socket carries a stream of bytes with no
// boundaries, so every message is sent as a 4-byte big-endian length followed
// by the message bytes, and the receiver reads exactly that many bytes back.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <system_error>

#include "connection.hpp"

namespace ipclab::pipe {
namespace {

constexpr std::size_t kHeaderSize = 4;
using Header = std::array<std::uint8_t, kHeaderSize>;

[[noreturn]] void throw_errno(const char* call) {
  throw std::system_error(errno, std::generic_category(), call);
}

/// The header of a message of `length` bytes: big-endian, that is, the most
/// significant byte first ("network byte order"). Writing the bytes one by one
/// gives the same result on every machine, whatever its own byte order is.
Header encode_length(std::size_t length) {
  return {static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
          static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

std::size_t decode_length(const Header& header) {
  const char* bytes = reinterpret_cast<const char*>(header.data());
  return static_cast<std::size_t>((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
}

/// Reads one whole message from `fd`: its header, then exactly the bytes the
/// header announces. recv_bytes() and recv_bytes_into() both use it.
Bytes read_message(int fd) {
  Header header;
  // No header byte at all: the other end closed between two messages. That is
  // the normal end of the conversation, and it is not the same thing as an
  // empty message (which is a header saying 0).
  if (!read_exact(fd, header)) throw EndOfStream("the other end of the connection is closed");
  std::size_t length = decode_length(header);
  if (length > kMaxMessage) throw std::runtime_error("corrupt message header (length too large)");
  Bytes message(length);
  // A header without its bytes means the stream ended in the middle of a message.
  if (!read_exact(fd, message)) throw EndOfStream("the stream ended in the middle of a message");
  return message;
}

}  // namespace

void write_all(int fd, std::span<const std::uint8_t> data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      // A signal arrived before anything was written: nothing went wrong, retry.
      if (errno == EINTR) continue;
      throw_errno("write");
    }
    // write() may take only part of the data (a pipe holds 64 KiB; a signal may
    // interrupt a long write): go on with what is left.
    data = data.subspan(static_cast<std::size_t>(written));
  }
}

bool read_exact(int fd, std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    // read() returns whatever has arrived so far, which may be less than we ask
    // for: a message sent in one piece can arrive in many.
    ssize_t got = ::read(fd, out.data() + done, out.size() - done);
    if (got < 0) {
      if (errno == EINTR) continue;  // interrupted by a signal: just try again
      throw_errno("read");
    }
    if (got == 0) {  // end of stream: every copy of the other end is closed
      if (done == 0) return false;
      throw EndOfStream("the stream ended in the middle of a message");
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

void Connection::send_bytes(std::span<const std::uint8_t> buf, std::size_t offset,
                            std::optional<std::size_t> size) {
  check_writable();
  // Check everything before writing anything: a rejected call must leave the
  // stream untouched. Comparing with buf.size() - offset (rather than
  // offset + size > buf.size()) cannot overflow.
  if (offset > buf.size()) throw std::out_of_range("send_bytes: offset is past the end of buf");
  std::size_t length = size.value_or(buf.size() - offset);
  if (length > buf.size() - offset) {
    throw std::out_of_range("send_bytes: offset + size is past the end of buf");
  }
  if (length > kMaxMessage) throw std::out_of_range("send_bytes: message too long");

  write_all(fileno(), encode_length(length));
  write_all(fileno(), buf.subspan(offset, length));
}

Bytes Connection::recv_bytes() {
  check_readable();
  return read_message(fileno());
}

std::size_t Connection::recv_bytes_into(std::span<std::uint8_t> buf, std::size_t offset) {
  check_readable();
  // Checked before reading, so a bad offset does not lose a message.
  if (offset > buf.size()) {
    throw std::out_of_range("recv_bytes_into: offset is past the end of buf");
  }
  Bytes message = read_message(fileno());
  // The message is read in full either way: the stream stays in step, and
  // BufferTooShort hands the message to the caller instead of dropping it.
  if (message.size() > buf.size() - offset) throw BufferTooShort(std::move(message));
  std::copy(message.begin(), message.end(), buf.begin() + static_cast<std::ptrdiff_t>(offset));
  return message.size();
}

bool Connection::poll(std::chrono::milliseconds timeout) {
  check_readable();
  // ::poll() takes an int of milliseconds, and a negative one would mean "wait
  // forever": clamp to [0, INT_MAX].
  long long wait_ms = std::clamp<long long>(timeout.count(), 0, INT_MAX);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    pollfd entry{fileno(), POLLIN, 0};
    int ready = ::poll(&entry, 1, static_cast<int>(wait_ms));
    if (ready >= 0) {
      // POLLIN: bytes are waiting. POLLHUP: the other end is closed, so
      // recv_bytes() would not block either (it throws EndOfStream at once).
      // POLLERR: recv_bytes() would fail at once. We only look; the bytes stay
      // in the pipe for the next recv_bytes().
      return (entry.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    }
    if (errno != EINTR) throw_errno("poll");
    // Interrupted by a signal: wait again, but only for the time that is left.
    auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    wait_ms = std::max<long long>(left.count(), 0);
  }
}

std::pair<Connection, Connection> Pipe(bool duplex) {
  int fds[2];
  // The descriptors are created close-on-exec (in the same call, so no other
  // thread can fork and exec in between): a program started with exec() must
  // not inherit them, or it would hold an end open and the reader would never
  // see end-of-file.
  if (duplex) {
    // A socket pair: both ends can send and receive.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw_errno("socketpair");
    return {Connection(fds[0], true, true), Connection(fds[1], true, true)};
  }
  // A pipe: fds[0] is the read end, fds[1] the write end.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe2");
  return {Connection(fds[0], true, false), Connection(fds[1], false, true)};
}

}  // namespace ipclab::pipe
