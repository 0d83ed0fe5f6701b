// Pipe ping-pong: hidden tests (run when the instructor grades): large
// messages, interrupted system calls, descriptor hygiene, interoperability.
#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "harness/outcome.hpp"
#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;

constexpr std::size_t k16MiB = 16u << 20;

const std::pair<Build, Build> kBothWays[] = {{Build::student, Build::reference},
                                             {Build::reference, Build::student}};

std::string direction(Build from) {
  return from == Build::student ? tr("sent by your code to the reference")
                                : tr("sent by the reference to your code");
}

/// `sender` sends a `size`-byte pattern while `receiver` receives it: the send
/// can only complete while the other side reads, so it is posted first, and
/// watched while the receiver works (a send that fails at once ends the test
/// with its own error, not with a timeout of the receiver).
void transfer(Driver& sender, Driver& receiver, std::size_t size, std::uint32_t seed,
              const std::string& context) {
  ipclab::harness::ScopedContext scope(context);
  sender.post("send_pattern c " + std::to_string(size) + " " + std::to_string(seed));
  Reply got = receiver.call_watching("recv c", sender, 30s);
  Bytes want = ipclab::pattern(size, seed);
  if (!got.ok) {
    // The sender may now be stuck on a full buffer: end here, with the cause.
    ipclab::harness::abort_test(ipclab::harness::Outcome::failed,
                                trf("recv_bytes() threw {}: {}", got.kind, got.message));
  }
  {
    IPCLAB_EXPECT(got.number(0) == static_cast<long long>(size) &&
                  got.word(1) == "digest:" + ipclab::digest(want))
        << trf("{}: the {}-byte message arrived as {} bytes with different content", context, size,
               got.word(0));
  }
  Reply sent = sender.await_reply(30s);
  IPCLAB_EXPECT(sent.ok) << trf("{}: send_bytes() threw {}: {}", context, sent.kind, sent.message);
}

TEST(pipe_ping_pong, large_messages) {
  for (auto [from, to] : kBothWays) {
    auto [sender, receiver] = connected_drivers(from, to);
    transfer(sender, receiver, 100'000, 1, trf("a 100 kB message {}", direction(from)));
    transfer(sender, receiver, k16MiB, 2,
             trf("a 16 MiB message {} (a pipe holds 64 KiB: read() and write() move it in many "
                 "pieces)",
                 direction(from)));
    sender.ok("send c 656e64");
    expect_recv(receiver, "c", bytes_of("end"), tr("a short message after the 16 MiB one"));
  }
}

TEST(pipe_ping_pong, ping_pong_large_payload) {
  Driver student = Driver::start(Build::student);
  Reply played = student.ok("ping_pong 3 1048576", 15s);
  IPCLAB_EXPECT(played.word(0) == "3") << tr("ping_pong(3, 1 MiB) must return 3");
}

TEST(pipe_ping_pong, pong_server_with_reference_client) {
  auto [server, client] = connected_drivers(Build::student, Build::reference);
  server.post("serve c");
  Reply played = client.call_watching("ping c 20 1000", server, 10s);
  IPCLAB_EXPECT(played.ok) << trf(
      "the reference ping_client() got a wrong answer from your "
      "pong_server(): {}",
      played.message);
  client.ok("close c");
  Reply served = server.await_reply(5s);
  IPCLAB_REQUIRE(served.ok) << trf(
      "pong_server() must return when the client closes, but threw {}: {}", served.kind,
      served.message);
  IPCLAB_EXPECT(served.word(0) == "20")
      << tr("pong_server() must return the number of pings answered");
}

TEST(pipe_ping_pong, ping_client_with_reference_server) {
  auto [client, server] = connected_drivers(Build::student, Build::reference);
  server.post("serve c");
  Reply played = client.call_watching("ping c 20 1000", server, 10s);
  IPCLAB_REQUIRE(played.ok) << trf("ping_client() against the reference pong_server() threw {}: {}",
                                   played.kind, played.message);
  IPCLAB_EXPECT(played.word(0) == "20") << tr("ping_client(conn, 20, 1000) must return 20");
  client.ok("close c");
  Reply served = server.await_reply(5s);
  IPCLAB_EXPECT(served.line == "ok 20")
      << tr("the reference pong_server() must have answered 20 pings "
            "(one message per ping, no extra messages)");
}

TEST(pipe_ping_pong, close_on_exec) {
  Driver student = Driver::start(Build::student);
  Reply leaked = student.ok("exec_fds");
  const char* ends[] = {tr_later("Pipe(true) first end"), tr_later("Pipe(true) second end"),
                        tr_later("Pipe(false) read end"), tr_later("Pipe(false) write end")};
  for (std::size_t i = 0; i < 4; ++i) {
    IPCLAB_EXPECT(leaked.word(i) == "-")
        << trf("a program started with exec() inherited the {} (fd {}): create the descriptors "
               "close-on-exec (SOCK_CLOEXEC, O_CLOEXEC)",
               tr(ends[i]), leaked.word(i));
  }
}

TEST(pipe_ping_pong, interrupted_system_calls) {
  for (auto [from, to] : kBothWays) {
    auto [sender, receiver] = connected_drivers(from, to);
    Driver& student = from == Build::student ? sender : receiver;
    student.ok("storm 2000");  // a signal every 0.5 ms: read() and write() fail with EINTR
    transfer(sender, receiver, 4u << 20, 3,
             trf("a 4 MiB message {} while signals interrupt your process (retry read()/write() "
                 "on EINTR)",
                 direction(from)));
    Reply polled = student.call("poll c 200");
    IPCLAB_EXPECT(polled.ok) << trf("poll() interrupted by a signal must not fail, it threw {}: {}",
                                    polled.kind, polled.message);
    student.ok("storm 0");
  }
}

TEST(pipe_ping_pong, poll_interrupted) {
  Driver student = Driver::start(Build::student);
  student.ok("pipe r w 0");
  student.ok("storm 2000");  // poll() fails with EINTR many times before its timeout
  auto [elapsed_ms, polled] = timed_call(student, "poll r 400");
  student.ok("storm 0");
  IPCLAB_EXPECT(polled.ok && polled.word(0) == "0") << trf(
      "poll(400 ms) with nothing to read, interrupted by signals, must return false, got: {}",
      polled.line.substr(0, 100));
  // Generous: a loaded machine only makes it later; the mistake returns at the first signal.
  IPCLAB_EXPECT(elapsed_ms >= 300)
      << trf("poll(400 ms) interrupted by signals returned after {} ms: after EINTR, wait again "
             "for the time that is left of the timeout",
             elapsed_ms);
}

TEST(pipe_ping_pong, closed_connection) {
  Driver student = Driver::start(Build::student);
  student.ok("pipe a b 1");
  student.ok("close a");
  IPCLAB_EXPECT(student.ok("flags a").line == "ok 1 1 1")
      << tr("a closed connection reports closed()");
  Reply send = student.call("send a 61");
  IPCLAB_EXPECT(send.kind == "ConnectionError")
      << trf("send_bytes() on a closed connection must throw ConnectionError, got: {}", send.line);
  Reply poll = student.call("poll a 0");
  IPCLAB_EXPECT(poll.kind == "ConnectionError")
      << trf("poll() on a closed connection must throw ConnectionError, got: {}", poll.line);
  Reply end = student.call("recv b");
  IPCLAB_EXPECT(end.kind == "EndOfStream")
      << trf("the other end of a closed duplex connection sees EndOfStream, got: {}", end.line);
}

}  // namespace
}  // namespace pipe_harness
