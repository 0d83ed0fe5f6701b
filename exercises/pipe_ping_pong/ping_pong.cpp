// Pipe ping-pong, part 2: two processes playing ping-pong over a Connection.
// Your file: replace every `throw NotImplemented(...)` with an implementation.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "connection.hpp"

namespace ipclab::pipe {

std::size_t pong_server(Connection& conn) {
  // TODO: loop: recv_bytes(); when it throws EndOfStream, the other end has
  // closed: return how many pings you answered. A message must start with
  // "ping"; answer with "pong" followed by the rest of the message.
  (void)conn;
  throw NotImplemented("pong_server");
}

int ping_client(Connection& conn, int rounds, std::size_t payload_size) {
  // TODO: for each round r in 0..rounds-1: payload = ipclab::pattern(payload_size, r);
  // send "ping" + payload, then receive the answer and check it is
  // "pong" + payload. Receive each answer before sending the next ping.
  (void)conn;
  (void)rounds;
  (void)payload_size;
  throw NotImplemented("ping_client");
}

int ping_pong(int rounds, std::size_t payload_size) {
  // TODO:
  //  1. auto [parent_end, child_end] = Pipe();
  //  2. std::fflush(nullptr); then fork().
  //  3. In the child: close the parent's end, run pong_server(child_end), and
  //     end with _exit(0) (or _exit(1) if it threw) -- never return.
  //  4. In the parent: close the child's end, play ping_client(), close your
  //     end (so the child sees end-of-stream), waitpid() the child and check
  //     that it exited with 0.
  (void)rounds;
  (void)payload_size;
  throw NotImplemented("ping_pong");
}

}  // namespace ipclab::pipe
