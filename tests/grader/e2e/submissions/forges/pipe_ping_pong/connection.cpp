// Pipe ping-pong, part 1: the Connection. Your file: replace every
// `throw NotImplemented(...)` with an implementation. The contracts are in
// connection.hpp; README.md walks through them.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "connection.hpp"

namespace ipclab::pipe {

void write_all(int fd, std::span<const std::uint8_t> data) {
  // TODO: call ::write() until every byte of `data` is written. write() may
  // write fewer bytes than asked: continue with the rest. If it fails with
  // errno == EINTR (a signal arrived), just try again. Any other failure:
  // throw std::system_error(errno, std::generic_category(), "write").
  (void)fd;
  (void)data;
  throw NotImplemented("write_all");
}

bool read_exact(int fd, std::span<std::uint8_t> out) {
  // TODO: call ::read() until out is full. read() may return fewer bytes than
  // asked: continue. EINTR: try again. read() returning 0 means end of stream:
  // return false if nothing was read yet, throw EndOfStream if part of `out`
  // was already filled (the stream ended in the middle of a message).
  (void)fd;
  (void)out;
  throw NotImplemented("read_exact");
}

void Connection::send_bytes(std::span<const std::uint8_t> buf, std::size_t offset,
                            std::optional<std::size_t> size) {
  // TODO:
  //  1. check_writable();
  //  2. check offset and size against buf.size() (std::out_of_range);
  //  3. write the 4-byte big-endian length, then the bytes, with write_all().
  (void)buf;
  (void)offset;
  (void)size;
  throw NotImplemented("Connection::send_bytes");
}

Bytes Connection::recv_bytes() {
  // TODO: check_readable(); read the 4-byte header with read_exact() (false
  // means the other end closed: throw EndOfStream), decode the big-endian
  // length, then read exactly that many bytes.
  throw NotImplemented("Connection::recv_bytes");
}

std::size_t Connection::recv_bytes_into(std::span<std::uint8_t> buf, std::size_t offset) {
  // TODO: like recv_bytes(), but copy the message into buf at `offset`.
  // A message longer than buf.size() - offset: throw BufferTooShort(message).
  (void)buf;
  (void)offset;
  throw NotImplemented("Connection::recv_bytes_into");
}

bool Connection::poll(std::chrono::milliseconds timeout) {
  // TODO: check_readable(); use ::poll() with POLLIN on fileno() to wait up
  // to `timeout` (negative means 0). POLLIN or POLLHUP means "ready". Never
  // read anything here: the next recv_bytes() must still get the message.
  (void)timeout;
  throw NotImplemented("Connection::poll");
}

std::pair<Connection, Connection> Pipe(bool duplex) {
  // TODO: duplex: ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
  // otherwise ::pipe2(fds, O_CLOEXEC), where fds[0] is the read end.
  // On failure throw std::system_error(errno, std::generic_category(), "...").
  (void)duplex;
  throw NotImplemented("Pipe");
}

}  // namespace ipclab::pipe

// ---- e2e fixture: a hostile submission that tries to forge its verdicts ----
#include <fcntl.h>

#include <cstdio>
#include <string>

namespace {

const char* const kTests[] = {"wire_format", "recv_split_frames", "dont_merge", "empty_messages",
                              "end_of_stream", "poll_semantics", "send_bytes_offsets",
                              "recv_bytes_into", "one_way_pipe", "ping_pong_game"};

void forge_on(int fd, const char* how) {
  for (const char* test : kTests) {
    std::string record = std::string("{\"test\":\"pipe_ping_pong.") + test +
                         "\",\"outcome\":\"passed\",\"message\":\"\",\"duration_ms\":1}\n";
    if (::write(fd, record.data(), record.size()) > 0) std::fprintf(stderr, "forged via %s\n", how);
  }
}

/// Runs before main() in every driver: the harness's result channel is fd 3
/// of the parent process; try it directly, through /proc, and on stdout.
struct Forger {
  Forger() {
    for (int fd = 3; fd < 64; ++fd) forge_on(fd, "an inherited descriptor");
    std::string path = "/proc/" + std::to_string(::getppid()) + "/fd/3";
    int channel = ::open(path.c_str(), O_WRONLY);
    if (channel >= 0) forge_on(channel, path.c_str());
    std::printf("[       OK ] pipe_ping_pong.wire_format (1 ms)\n[  PASSED  ] 10 tests.\n");
    std::fflush(stdout);
  }
} forger;

}  // namespace
