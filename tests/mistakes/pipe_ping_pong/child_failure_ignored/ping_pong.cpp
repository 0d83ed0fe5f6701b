// Pipe ping-pong, part 2: two processes playing ping-pong over a Connection.
// Model answer.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "connection.hpp"

namespace ipclab::pipe {
namespace {

constexpr std::string_view kPing = "ping";
constexpr std::string_view kPong = "pong";

/// `word` followed by `payload`, as one message.
Bytes with_prefix(std::string_view word, const Bytes& payload) {
  Bytes message(word.begin(), word.end());
  message.insert(message.end(), payload.begin(), payload.end());
  return message;
}

bool starts_with(const Bytes& message, std::string_view word) {
  return message.size() >= word.size() && std::equal(word.begin(), word.end(), message.begin());
}

/// The child's whole life: serve pongs, then end the process with _exit().
/// It never returns: after fork() the child is a copy of the parent, and
/// returning would run the parent's code a second time (here: the driver would
/// answer the parent's next command). _exit() also skips atexit handlers and
/// stdio buffers that belong to the parent.
[[noreturn]] void run_child(Connection& parent_end, Connection& child_end) {
  // The child got a copy of the parent's end. Close it: as long as any process
  // holds that end open, the child's own end never reports end-of-stream, so
  // pong_server() would wait forever after the parent has finished.
  parent_end.close();
  int code = 0;
  try {
    pong_server(child_end);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pong child: %s\n", e.what());
    code = 1;
  } catch (...) {
    code = 1;
  }
  ::_exit(code);
}

/// Waits for `child` to end; returns its wait status.
int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  }
  return status;
}

}  // namespace

std::size_t pong_server(Connection& conn) {
  std::size_t answered = 0;
  for (;;) {
    Bytes message;
    try {
      message = conn.recv_bytes();
    } catch (const EndOfStream&) {
      return answered;  // the client closed its end: the game is over
    }
    if (!starts_with(message, kPing)) {
      throw std::runtime_error("pong_server: received a message that is not a ping (" +
                               std::to_string(message.size()) + " bytes)");
    }
    // The answer is the same message with "ping" replaced by "pong".
    std::copy(kPong.begin(), kPong.end(), message.begin());
    conn.send_bytes(message);
    ++answered;
  }
}

int ping_client(Connection& conn, int rounds, std::size_t payload_size) {
  for (int round = 0; round < rounds; ++round) {
    Bytes payload = ipclab::pattern(payload_size, static_cast<std::uint32_t>(round));
    conn.send_bytes(with_prefix(kPing, payload));
    // Receive the answer before sending the next ping. A socket buffer holds
    // only a few hundred KiB: if we sent every ping first, then with large
    // payloads we would block writing while the server blocks writing its
    // pong back to us -- each waiting for the other to read, forever.
    Bytes answer = conn.recv_bytes();
    if (answer != with_prefix(kPong, payload)) {
      throw std::runtime_error("ping_client: round " + std::to_string(round) +
                               ": the answer is not \"pong\" + the payload");
    }
  }
  return rounds;
}

int ping_pong(int rounds, std::size_t payload_size) {
  auto [parent_end, child_end] = Pipe();
  // Flush stdio first, or text still in the buffer would be printed twice:
  // once by the parent and once by the child, which gets a copy of the buffer.
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) run_child(parent_end, child_end);

  // The parent does not use the child's end: close our copy, so that if the
  // child dies, our recv_bytes() sees end-of-stream instead of waiting forever.
  child_end.close();

  // Whatever happens in the game, close our end and collect the child, so no
  // child process (or zombie) is left behind.
  std::exception_ptr failure;
  int played = 0;
  try {
    played = ping_client(parent_end, rounds, payload_size);
  } catch (...) {
    failure = std::current_exception();
  }
  parent_end.close();  // the child's pong_server() now sees end-of-stream and returns
  int status = wait_for(child);
  (void)status;
  (void)failure;  // the rounds played so far are the result
  return played;
}

}  // namespace ipclab::pipe
