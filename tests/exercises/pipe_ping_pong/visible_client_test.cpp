// Pipe ping-pong: ping_client() seen from the wire. The reference server
// echoes whatever it gets, so only a raw peer can tell that each round sends
// its own payload and that a wrong answer is refused.
#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;

constexpr std::size_t kPayload = 50;

/// `word` followed by `payload`.
Bytes prefixed(const char* word, const Bytes& payload) {
  Bytes message = bytes_of(word);
  message.insert(message.end(), payload.begin(), payload.end());
  return message;
}

/// Reads round `round`'s ping from the wire and checks its payload.
bool expect_ping(Driver& student, int fd, int round) {
  Bytes want =
      frame(prefixed("ping", ipclab::pattern(kPayload, static_cast<std::uint32_t>(round))));
  Bytes got = read_raw_during(student, "ping_client(conn, 3, " + std::to_string(kPayload) + ")", fd,
                              want.size());
  IPCLAB_EXPECT(got == want) << trf(
      "round {0} of ping_client(conn, 3, {1}) must send \"ping\" + "
      "ipclab::pattern({1}, {0}): expected {2}, the wire carried {3} "
      "-- each round has its own payload",
      round, kPayload, show(want), show(got));
  return got == want;
}

TEST(pipe_ping_pong, ping_client_payloads) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  student.post("ping c 3 " + std::to_string(kPayload));
  for (int round = 0; round < 3; ++round) {
    if (!expect_ping(student, wire.get(), round)) return;
    Bytes payload = ipclab::pattern(kPayload, static_cast<std::uint32_t>(round));
    write_raw(wire.get(), frame(prefixed("pong", payload)));
  }
  Reply played = student.await_reply(5s);
  IPCLAB_EXPECT(played.line == "ok 3") << trf(
      "ping_client(conn, 3, {}) answered correctly must return 3, got: {}", kPayload, played.line);
  // A pong whose payload differs from the ping's is a wrong answer.
  student.post("ping c 1 " + std::to_string(kPayload));
  if (!expect_ping(student, wire.get(), 0)) return;
  write_raw(wire.get(), frame(prefixed("pong", ipclab::pattern(kPayload, 1))));
  Reply refused = student.await_reply(5s);
  IPCLAB_EXPECT(refused.kind == "RuntimeError")
      << trf("a pong carrying another payload than the ping's must make ping_client() throw "
             "std::runtime_error, but got: {}",
             refused.line);
}

}  // namespace
}  // namespace pipe_harness
