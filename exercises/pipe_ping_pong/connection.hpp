#pragma once
// Pipe ping-pong: a message connection over a pipe, like Python's
// multiprocessing.Pipe() and its Connection objects.
//
// A pipe or socket carries a stream of bytes: two writes of "a" and "b" may be
// read back as one "ab", and one large write may come back in many pieces.
// A Connection puts messages on top of that stream by framing each message:
//
//     +----------------------------+---------------------+
//     | length: 4 bytes, big-endian |  length bytes of data |
//     +----------------------------+---------------------+
//
// exactly as Python's multiprocessing.connection does, so a C++ Connection and
// a Python one could talk to each other.
//
// You implement the functions marked "you implement" in connection.cpp and
// ping_pong.cpp. Everything else is provided; do not change this header.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <utility>

#include "ipclab/bytes.hpp"
#include "ipclab/errors.hpp"

namespace ipclab::pipe {

using ipclab::Bytes;
using ipclab::EndOfStream;  // thrown when the other end is closed and nothing is left

/// The largest message a Connection carries: the length must fit the 4-byte header.
inline constexpr std::size_t kMaxMessage = 0x7fffffff;

/// recv_bytes_into() received a message longer than the room left in the buffer.
/// Like Python's BufferTooShort it carries the whole message, which is consumed.
class BufferTooShort : public std::runtime_error {
 public:
  explicit BufferTooShort(Bytes message);
  const Bytes& message() const { return message_; }

 private:
  Bytes message_;
};

/// The connection was used in a way it does not allow: it is closed, or a read
/// was attempted on a write-only end (or the other way round). Python: OSError.
class ConnectionError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One end of a message pipe. Owns its file descriptor and closes it when destroyed.
class Connection {
 public:
  /// Takes ownership of `fd`; `readable`/`writable` say which directions it allows.
  Connection(int fd, bool readable, bool writable);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // ---- you implement these (connection.cpp) -------------------------------

  /// Sends buf[offset, offset + size) as one message (size defaults to the rest
  /// of buf). Throws std::out_of_range if offset or offset + size lies past the
  /// end of buf (Python's ValueError), ConnectionError if not writable.
  void send_bytes(std::span<const std::uint8_t> buf, std::size_t offset = 0,
                  std::optional<std::size_t> size = std::nullopt);

  /// Receives the next whole message (which may be empty). Blocks until one
  /// arrives. Throws EndOfStream when the other end is closed and no message is
  /// left, ConnectionError if not readable.
  Bytes recv_bytes();

  /// Receives the next message into buf starting at `offset`, and returns its
  /// length. Bytes outside [offset, offset + length) are left untouched.
  /// Throws std::out_of_range if offset > buf.size(), BufferTooShort (carrying
  /// the message) if the message does not fit, EndOfStream like recv_bytes().
  std::size_t recv_bytes_into(std::span<std::uint8_t> buf, std::size_t offset = 0);

  /// True if a message can be received without blocking, or if the other end
  /// is closed (so recv_bytes() would throw EndOfStream at once). Waits up to
  /// `timeout` (a negative timeout means 0). Never consumes any data.
  bool poll(std::chrono::milliseconds timeout = std::chrono::milliseconds{0});

  // ---- provided (connection_base.cpp) -------------------------------------

  /// Closes the file descriptor; later calls throw ConnectionError. Idempotent.
  void close();
  bool closed() const { return fd_ < 0; }
  bool readable() const { return readable_; }
  bool writable() const { return writable_; }
  /// The file descriptor, or -1 when closed.
  int fileno() const { return fd_; }

 private:
  /// Throw ConnectionError unless the connection is open and readable/writable.
  void check_readable() const;
  void check_writable() const;

  int fd_;
  bool readable_;
  bool writable_;
};

// ---- you implement these (connection.cpp) ----------------------------------

/// Python's Pipe(duplex). Duplex: two connected ends that can both send and
/// receive (a UNIX socket pair). Not duplex: first end read-only, second end
/// write-only (a pipe). Every file descriptor is created close-on-exec.
/// Throws std::system_error if the system call fails.
std::pair<Connection, Connection> Pipe(bool duplex = true);

/// Writes all of `data` to `fd`, however many write() calls it takes; retries
/// when a call is interrupted by a signal (EINTR). Throws std::system_error on errors.
void write_all(int fd, std::span<const std::uint8_t> data);

/// Reads exactly out.size() bytes from `fd`, however many read() calls it takes;
/// retries on EINTR. Returns false if the stream ends before the first byte;
/// throws EndOfStream if it ends part-way, std::system_error on errors.
bool read_exact(int fd, std::span<std::uint8_t> out);

// ---- you implement these (ping_pong.cpp) -----------------------------------

/// The ping-pong protocol: a ping is "ping" followed by a payload; the answer
/// to it is "pong" followed by the same payload.

/// Answers every ping received on `conn` until the other end closes, then
/// returns the number of pings answered. Throws std::runtime_error on a message
/// that is not a ping.
std::size_t pong_server(Connection& conn);

/// Plays `rounds` rounds on `conn`: sends "ping" + ipclab::pattern(payload_size,
/// round) and checks that the answer is "pong" + the same payload before the
/// next round. Returns `rounds`; throws std::runtime_error on a wrong answer.
int ping_client(Connection& conn, int rounds, std::size_t payload_size);

/// The whole game between two processes: makes a duplex Pipe(), forks a child
/// that serves one end with pong_server() and then ends with _exit(), plays
/// ping_client() on the other end, closes it, and waits for the child.
/// Returns the rounds played; throws std::runtime_error if the child failed.
int ping_pong(int rounds, std::size_t payload_size);

}  // namespace ipclab::pipe
