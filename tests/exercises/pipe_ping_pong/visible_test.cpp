// Pipe ping-pong: the tests students see. Each test pairs the student's driver
// with the raw wire or with the reference driver, so a failure points at one
// function of the student's code.
#include <gtest/gtest.h>

#include <thread>

#include "harness/expect.hpp"

#include "exec/process_tree.hpp"
#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;
using ipclab::to_hex;

const Bytes kAlphabet = bytes_of("abcdefghijklmnopqrstuvwxyz");

/// Explains the usual ways a frame goes wrong.
std::string frame_hint(const Bytes& got, const Bytes& message) {
  Bytes little_endian = frame(message);
  std::reverse(little_endian.begin(), little_endian.begin() + 4);
  if (got == little_endian && message.size() > 0) {
    return tr(
        " -- the length is in little-endian (host) byte order; the header must be big-endian "
        "(most significant byte first, like htonl())");
  }
  if (got.size() >= message.size() && Bytes(got.begin(), got.begin() + message.size()) == message) {
    return tr(" -- the message was written without its 4-byte length header");
  }
  return "";
}

TEST(pipe_ping_pong, wire_format) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  student.ok("send c 616263");
  Bytes got = read_raw(wire.get(), 7, 2s);
  Bytes want = frame(bytes_of("abc"));
  IPCLAB_EXPECT(got == want) << trf("send_bytes(b'abc') must put exactly {} on the wire, but it "
                                    "wrote {}",
                                    show(want), show(got))
                             << frame_hint(got, bytes_of("abc"));
  student.ok("send c -");
  got = read_raw(wire.get(), 4, 2s);
  IPCLAB_EXPECT(got == frame({})) << trf(
      "send_bytes(b'') must write just a zero length header {}, "
      "but it wrote {}",
      show(frame({})), show(got));
}

TEST(pipe_ping_pong, recv_split_frames) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  // One message whose header arrives in two pieces, and whose body in three.
  Bytes whole = frame(kAlphabet);
  write_raw(wire.get(), Bytes(whole.begin(), whole.begin() + 2));
  Reply waiting = student.call("poll c 100");
  (void)waiting;
  write_raw(wire.get(), Bytes(whole.begin() + 2, whole.begin() + 9));
  write_raw(wire.get(), Bytes(whole.begin() + 9, whole.end()));
  expect_recv(student, "c", kAlphabet,
              tr("a message that arrives in several pieces must be read in full (loop on read())"));
  // Two messages in one write must still come out as two.
  Bytes two = frame(bytes_of("first"));
  Bytes second = frame(bytes_of("second"));
  two.insert(two.end(), second.begin(), second.end());
  write_raw(wire.get(), two);
  expect_recv(student, "c", bytes_of("first"), tr("two messages sent in one write(), first one"));
  expect_recv(student, "c", bytes_of("second"), tr("two messages sent in one write(), second one"));
}

TEST(pipe_ping_pong, dont_merge) {
  for (auto [from, to] :
       {std::pair{Build::student, Build::reference}, std::pair{Build::reference, Build::student}}) {
    auto [sender, receiver] = connected_drivers(from, to);
    for (const char* hex : {"61", "62", "6364"})
      sender.ok(std::string("send c ") + hex);
    std::string who =
        from == Build::student ? tr("sent by your code") : tr("received by your code");
    expect_recv(receiver, "c", bytes_of("a"), trf("b'a', b'b', b'cd' {} back to back, 1st", who));
    expect_recv(receiver, "c", bytes_of("b"), trf("b'a', b'b', b'cd' {} back to back, 2nd", who));
    expect_recv(receiver, "c", bytes_of("cd"), trf("b'a', b'b', b'cd' {} back to back, 3rd", who));
  }
}

TEST(pipe_ping_pong, empty_messages) {
  const std::vector<std::string> messages = {"hello", "", "a", "b", "", "bye", "", "lop"};
  for (auto [from, to] :
       {std::pair{Build::student, Build::reference}, std::pair{Build::reference, Build::student}}) {
    auto [sender, receiver] = connected_drivers(from, to);
    for (const std::string& m : messages)
      sender.ok("send c " + to_hex(bytes_of(m)));
    std::string who =
        from == Build::student ? tr("sent by your code") : tr("received by your code");
    for (std::size_t i = 0; i < messages.size(); ++i) {
      expect_recv(receiver, "c", bytes_of(messages[i]),
                  trf("message {} of 8 (empty ones included) {}", i + 1, who));
    }
  }
}

TEST(pipe_ping_pong, end_of_stream) {
  auto [peer, student] = connected_drivers(Build::reference, Build::student);
  peer.ok("send c 78");
  peer.ok("close c");
  peer.finish();
  expect_recv(student, "c", bytes_of("x"), tr("the last message before the other end closed"));
  Reply ready = student.ok("poll c 1000");
  IPCLAB_EXPECT(ready.word(0) == "1")
      << tr("poll() must return true when the other end is closed "
            "(recv_bytes() would not block: it throws EndOfStream)");
  Reply end = student.call("recv c");
  IPCLAB_EXPECT(end.kind == "EndOfStream")
      << (end.ok ? trf("recv_bytes() after the other end closed must throw EndOfStream, but it "
                       "returned a message of {} bytes (end-of-file is not an empty message)",
                       end.word(0))
                 : trf("recv_bytes() after the other end closed must throw EndOfStream, but it "
                       "threw {}: {}",
                       end.kind, end.message));
  // The same on a one-way Pipe(false) inside one process.
  student.ok("pipe r w 0");
  student.ok("close w");
  Reply simplex = student.call("recv r");
  IPCLAB_EXPECT(simplex.kind == "EndOfStream")
      << trf("recv_bytes() on Pipe(false)'s read end after closing the write end must throw "
             "EndOfStream, but got: {}",
             simplex.line);
}

TEST(pipe_ping_pong, poll_semantics) {
  Driver student = Driver::start(Build::student);
  student.ok("pipe a b 1");
  auto [quick_ms, quick] = timed_call(student, "poll b 0");
  IPCLAB_EXPECT(quick.line == "ok 0") << tr("poll(0) on an empty connection must return false");
  IPCLAB_EXPECT(quick_ms < 1000) << trf("poll(0) must return at once, it took {} ms", quick_ms);
  auto [wait_ms, waited] = timed_call(student, "poll b 300");
  IPCLAB_EXPECT(waited.line == "ok 0")
      << tr("poll(300ms) on an empty connection must return false");
  IPCLAB_EXPECT(wait_ms >= 250) << trf(
      "poll(300ms) must wait about 300 ms, it returned after {} ms", wait_ms);
  IPCLAB_EXPECT(wait_ms < 3000) << trf("poll(300ms) must wait about 300 ms, it took {} ms",
                                       wait_ms);
  auto [negative_ms, negative] = timed_call(student, "poll b -5");
  IPCLAB_EXPECT(negative.line == "ok 0")
      << tr("poll() with a negative timeout must behave like poll(0)");
  IPCLAB_EXPECT(negative_ms < 1000)
      << trf("poll(-5ms) must return at once, it took {} ms", negative_ms);
  student.ok("send a -");
  IPCLAB_EXPECT(student.ok("poll b 0").word(0) == "1")
      << tr("poll() must see a pending empty message");
  IPCLAB_EXPECT(student.ok("poll b 0").word(0) == "1")
      << tr("poll() returned true once, then false: poll() must never consume the message");
  expect_recv(student, "b", {}, tr("the empty message poll() saw"));
  IPCLAB_EXPECT(student.ok("poll b 0").word(0) == "0")
      << tr("after recv_bytes() nothing is left to poll");
}

TEST(pipe_ping_pong, send_bytes_offsets) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  const std::string alphabet = to_hex(kAlphabet);
  struct Case {
    std::string args;
    Bytes expected;
    std::string python;
  };
  const Case cases[] = {
      {"5", Bytes(kAlphabet.begin() + 5, kAlphabet.end()), "send_bytes(msg, 5)"},
      {"7 8", Bytes(kAlphabet.begin() + 7, kAlphabet.begin() + 15), "send_bytes(msg, 7, 8)"},
      {"26", {}, "send_bytes(msg, 26)"},
      {"26 0", {}, "send_bytes(msg, 26, 0)"},
      {"0 26", kAlphabet, "send_bytes(msg, 0, 26)"},
  };
  for (const Case& c : cases) {
    Reply reply = student.call("send c " + alphabet + " " + c.args);
    if (!reply.ok) {
      ADD_FAILURE() << trf("{} with a 26-byte msg threw {}: {}", c.python, reply.kind,
                           reply.message);
      continue;
    }
    Bytes got = read_raw(wire.get(), c.expected.size() + 4, 2s);
    IPCLAB_EXPECT(got == frame(c.expected))
        << trf("{} with msg = b'abc...z' must send {} (header + bytes); the wire carried {}",
               c.python, show(frame(c.expected)), show(got));
  }
  for (const char* bad : {"27", "22 5", "26 1", "30 0"}) {
    Reply reply = student.call("send c " + alphabet + " " + bad);
    IPCLAB_EXPECT(reply.kind == "ValueError")
        << (reply.ok ? trf("send_bytes(msg, {}) on a 26-byte msg must throw std::out_of_range "
                           "(offset or offset + size past the end), but it sent something",
                           bad)
                     : trf("send_bytes(msg, {}) on a 26-byte msg must throw std::out_of_range "
                           "(offset or offset + size past the end), but it threw {}",
                           bad, reply.kind));
  }
  Bytes stray = read_raw(wire.get(), 1, 200ms);
  IPCLAB_EXPECT(stray.empty()) << trf(
      "a rejected send_bytes() must not write anything, but {}... "
      "reached the wire",
      show(stray));
}

TEST(pipe_ping_pong, recv_bytes_into) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  write_raw(wire.get(), frame(bytes_of("abc")));
  Reply into = student.call("recv_into c 10 3");
  if (!into.ok) {
    FAIL() << trf("recv_bytes_into(buf of 10 bytes, offset 3) threw {}: {}", into.kind,
                  into.message);
  }
  IPCLAB_EXPECT(into.word(0) == "3") << tr("recv_bytes_into() must return the message length");
  Bytes want{0, 0, 0, 'a', 'b', 'c', 0, 0, 0, 0};
  IPCLAB_EXPECT(reply_bytes(into, 1) == want)
      << trf("recv_bytes_into(buf, 3) must copy b'abc' to buf[3..6) and leave the rest untouched: "
             "expected {}, the buffer was {}",
             show(want), show(reply_bytes(into, 1)));
  Bytes long_message = ipclab::pattern(110, 7);
  write_raw(wire.get(), frame(long_message));
  Reply too_short = student.call("recv_into c 40 0");
  IPCLAB_EXPECT(too_short.kind == "BufferTooShort")
      << trf("a 110-byte message into a 40-byte buffer must throw BufferTooShort, but got: {}",
             too_short.line.substr(0, 120));
  if (too_short.kind == "BufferTooShort") {
    IPCLAB_EXPECT(too_short.message == to_hex(long_message))
        << tr("BufferTooShort must carry the whole 110-byte message (like Python's args[0])");
  }
  write_raw(wire.get(), frame(bytes_of("ok")));
  expect_recv(
      student, "c", bytes_of("ok"),
      tr("after BufferTooShort the next message must arrive intact (the long one is consumed)"));
  Reply bad_offset = student.call("recv_into c 4 5");
  IPCLAB_EXPECT(bad_offset.kind == "ValueError")
      << trf("recv_bytes_into(buf of 4 bytes, offset 5) must throw std::out_of_range, got: {}",
             bad_offset.line);
}

TEST(pipe_ping_pong, one_way_pipe) {
  Driver student = Driver::start(Build::student);
  student.ok("pipe r w 0");
  IPCLAB_EXPECT(student.ok("flags r").line == "ok 1 0 0")
      << tr("Pipe(false): the first end is read-only");
  IPCLAB_EXPECT(student.ok("flags w").line == "ok 0 1 0")
      << tr("Pipe(false): the second end is write-only");
  Reply wrong_send = student.call("send r 61");
  IPCLAB_EXPECT(wrong_send.kind == "ConnectionError")
      << tr("send_bytes() on the read end must throw ConnectionError");
  Reply wrong_recv = student.call("recv w", 2s);
  IPCLAB_EXPECT(wrong_recv.kind == "ConnectionError")
      << tr("recv_bytes() on the write end must throw ConnectionError");
  Reply wrong_poll = student.call("poll w 0", 2s);
  IPCLAB_EXPECT(wrong_poll.kind == "ConnectionError")
      << tr("poll() on the write end must throw ConnectionError");
  student.ok("send w 6869");
  expect_recv(student, "r", bytes_of("hi"), tr("a message through Pipe(false)"));
  student.ok("close r");
  Reply closed = student.call("recv r");
  IPCLAB_EXPECT(closed.kind == "ConnectionError")
      << tr("recv_bytes() on a closed connection must throw ConnectionError");
}

TEST(pipe_ping_pong, ping_pong_game) {
  Driver student = Driver::start(Build::student);
  Reply played = student.ok("ping_pong 5 100", 10s);
  IPCLAB_EXPECT(played.word(0) == "5") << tr("ping_pong(5, 100) must return 5");
  // A child that is just exiting gets a moment; one that lingers is a bug.
  std::vector<ipclab::exec::ProcessInfo> children;
  for (int wait = 0; wait < 40; ++wait) {
    children = ipclab::exec::descendants(ipclab::exec::list_processes(), student.pid());
    if (children.empty()) break;
    std::this_thread::sleep_for(50ms);
  }
  for (const auto& child : children) {
    ADD_FAILURE() << (child.state == 'Z'
                          ? trf("2 s after ping_pong() returned, its child (pid {}) is still a "
                                "zombie: the parent must waitpid() it",
                                child.pid)
                          : trf("2 s after ping_pong() returned, its child (pid {}) is still "
                                "running: the child must end with _exit() once the parent closes "
                                "its end",
                                child.pid));
  }
}

}  // namespace
}  // namespace pipe_harness
