// Pipe ping-pong: the exact edges of a slice, which students see before
// hand-in. A slice or a message that ends exactly at the end of buf is in
// range; one byte more is not. An off-by-one in these checks passes every
// test that stays away from the edge (`grader selftest --mutants` found them).
#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;
using ipclab::to_hex;

/// recv_bytes_into(buf of `size` bytes, `offset`) of a message of `message`.
Reply recv_into(Driver& student, int wire, const Bytes& message, int size, int offset) {
  write_raw(wire, frame(message));
  return student.call("recv_into c " + std::to_string(size) + " " + std::to_string(offset));
}

TEST(pipe_ping_pong, slice_boundaries) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  Reply fits = recv_into(student, wire.get(), bytes_of("abcd"), 6, 2);
  const Bytes filled{0, 0, 'a', 'b', 'c', 'd'};
  IPCLAB_EXPECT(fits.ok && fits.word(0) == "4" && reply_bytes(fits, 1) == filled)
      << (fits.ok ? trf("a 4-byte message into a 6-byte buffer at offset 2 fills it exactly: it "
                        "fits, so recv_bytes_into() must return 4, but it returned {} -- the "
                        "message fits when size <= buf.size() - offset",
                        fits.line.substr(0, 100))
                  : trf("a 4-byte message into a 6-byte buffer at offset 2 fills it exactly: it "
                        "fits, so recv_bytes_into() must return 4, but it threw {} -- the message "
                        "fits when size <= buf.size() - offset",
                        fits.line.substr(0, 100)));
  Reply too_long = recv_into(student, wire.get(), bytes_of("abcde"), 6, 2);
  IPCLAB_EXPECT(too_long.kind == "BufferTooShort")
      << trf("a 5-byte message into a 6-byte buffer at offset 2 is one byte too long: "
             "recv_bytes_into() must throw BufferTooShort, but got: {}",
             too_long.line.substr(0, 100));
  Reply at_end = recv_into(student, wire.get(), {}, 4, 4);
  IPCLAB_EXPECT(at_end.ok && at_end.word(0) == "0")
      << trf("an empty message into a 4-byte buffer at offset 4 (== buf.size()) is in range: "
             "recv_bytes_into() must return 0, but got: {}",
             at_end.line.substr(0, 100));
  Reply past_end = student.call("send c " + to_hex(bytes_of("abcd")) + " 5 0");
  IPCLAB_EXPECT(past_end.kind == "ValueError")
      << (past_end.ok ? tr("send_bytes(4-byte buf, offset 5, size 0) starts past the end: it must "
                           "throw std::out_of_range even for an empty slice, but it sent something")
                      : trf("send_bytes(4-byte buf, offset 5, size 0) starts past the end: it must "
                            "throw std::out_of_range even for an empty slice, but it threw {}",
                            past_end.kind));
}

TEST(pipe_ping_pong, recv_into_not_readable) {
  Driver student = Driver::start(Build::student);
  student.ok("pipe r w 0");
  Reply wrong = student.call("recv_into w 8 0", 2s);
  IPCLAB_EXPECT(wrong.kind == "ConnectionError")
      << trf("recv_bytes_into() on the write end of Pipe(false) must throw ConnectionError "
             "(call check_readable() first, as recv_bytes() does), but got: {}",
             wrong.line.substr(0, 100));
  student.ok("close r");
  Reply closed = student.call("recv_into r 8 0", 2s);
  IPCLAB_EXPECT(closed.kind == "ConnectionError")
      << trf("recv_bytes_into() on a closed connection must throw ConnectionError, but got: {}",
             closed.line.substr(0, 100));
}

TEST(pipe_ping_pong, ping_pong_empty_payload) {
  Driver student = Driver::start(Build::student);
  Reply played = student.call("ping_pong 3 0", 15s);
  IPCLAB_EXPECT(played.ok && played.word(0) == "3")
      << trf("ping_pong(3, 0) sends the bare b'ping' each round, which is a ping: it must return "
             "3, but got: {} -- a message starts with b'ping' when its size is >= 4, not > 4",
             played.line.substr(0, 120));
}

}  // namespace
}  // namespace pipe_harness
