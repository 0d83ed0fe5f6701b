// Reference implementation of the ping-pong game.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "connection.hpp"

namespace ipclab::pipe {
namespace {

Bytes tagged(std::string_view tag, const Bytes& payload) {
  Bytes message(tag.size() + payload.size());
  std::copy(tag.begin(), tag.end(), message.begin());
  std::copy(payload.begin(), payload.end(), message.begin() + static_cast<long>(tag.size()));
  return message;
}

bool has_tag(const Bytes& message, std::string_view tag) {
  return message.size() >= tag.size() && std::equal(tag.begin(), tag.end(), message.begin());
}

}  // namespace

std::size_t pong_server(Connection& conn) {
  std::size_t answered = 0;
  for (;;) {
    Bytes message;
    try {
      message = conn.recv_bytes();
    } catch (const EndOfStream&) {
      return answered;
    }
    if (!has_tag(message, "ping")) throw std::runtime_error("pong_server: not a ping");
    std::copy_n("pong", 4, message.begin());
    conn.send_bytes(message);
    ++answered;
  }
}

int ping_client(Connection& conn, int rounds, std::size_t payload_size) {
  for (int round = 0; round < rounds; ++round) {
    Bytes payload = ipclab::pattern(payload_size, static_cast<std::uint32_t>(round));
    conn.send_bytes(tagged("ping", payload));
    if (conn.recv_bytes() != tagged("pong", payload)) {
      throw std::runtime_error("ping_client: wrong answer in round " + std::to_string(round));
    }
  }
  return rounds;
}

int ping_pong(int rounds, std::size_t payload_size) {
  auto [mine, theirs] = Pipe();
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    mine.close();
    int status = 0;
    try {
      pong_server(theirs);
    } catch (...) {
      status = 1;
    }
    ::_exit(status);
  }
  theirs.close();
  int played = 0;
  try {
    played = ping_client(mine, rounds, payload_size);
  } catch (...) {
    mine.close();
    ::waitpid(child, nullptr, 0);
    throw;
  }
  mine.close();
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("ping_pong: the pong child failed");
  }
  return played;
}

}  // namespace ipclab::pipe
