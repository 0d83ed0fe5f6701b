// Pipe ping-pong: the edges of a frame that students see before hand-in -- a
// stream that ends in the middle of a frame, and lengths whose bytes are
// >= 0x80 (which a signed `char` turns negative).
#include <gtest/gtest.h>

#include <algorithm>

#include "harness/expect.hpp"

#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;
using ipclab::exec::UniqueFd;

/// The first `size` bytes of `data`.
Bytes head(const Bytes& data, std::size_t size) {
  return Bytes(data.begin(), data.begin() + size);
}

/// Writes `partial` to a fresh student connection, closes the raw end, and
/// checks that recv_bytes() throws EndOfStream.
void expect_truncated(const Bytes& partial, const std::string& what) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  write_raw(wire.get(), partial);
  wire = UniqueFd();  // the peer closes in the middle of the frame
  Reply got = student.call("recv c");
  IPCLAB_EXPECT(got.kind == "EndOfStream")
      << (got.ok ? trf("the peer sent {} ({}) and closed: recv_bytes() must throw EndOfStream "
                       "(read_exact() ends part-way), but it returned a message of {} bytes -- a "
                       "frame cut short is not a message, never pad it",
                       what, show(partial), got.word(0))
                 : trf("the peer sent {} ({}) and closed: recv_bytes() must throw EndOfStream "
                       "(read_exact() ends part-way), but it threw {}: {}",
                       what, show(partial), got.kind, got.message));
}

TEST(pipe_ping_pong, truncated_frame) {
  Bytes whole = frame(bytes_of("abcdefghij"));
  expect_truncated(head(whole, 7), tr("a header announcing 10 bytes, then only 3 of them"));
  expect_truncated(head(whole, 2), tr("2 of the 4 header bytes"));
  expect_truncated(head(whole, 4), tr("a header announcing 10 bytes, then none of them"));
}

TEST(pipe_ping_pong, length_high_bytes) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  // Each length has a byte >= 0x80 in its header: 0x80, 0xc8, 0x80e8.
  for (std::size_t size : {std::size_t{0x80}, std::size_t{200}, std::size_t{0x80e8}}) {
    Bytes message = ipclab::pattern(size, static_cast<std::uint32_t>(size));
    write_raw(wire.get(), frame(message));
    Reply got = student.call("recv c");
    Bytes header = head(frame(message), 4);
    IPCLAB_EXPECT(got.ok && got.number(0) == static_cast<long long>(size) &&
                  reply_bytes(got, 1) == message)
        << (got.ok ? trf("a {}-byte message (header {}) must arrive whole, but recv_bytes() "
                         "returned {} bytes",
                         size, show(header), got.word(0))
                   : trf("a {}-byte message (header {}) must arrive whole, but recv_bytes() {}",
                         size, show(header), got.line))
        << tr(" -- decode the header from unsigned bytes (std::uint8_t): a signed char makes a "
              "byte >= 0x80 negative");
  }
  Bytes message = ipclab::pattern(200, 9);
  student.ok("send c " + ipclab::to_hex(message));
  Bytes sent = read_raw(wire.get(), 204, 2s);
  IPCLAB_EXPECT(sent == frame(message)) << trf(
      "send_bytes() of 200 bytes must write the header {} then the bytes; the wire carried {}",
      show(head(frame(message), 4)), show(head(sent, std::min<std::size_t>(8, sent.size()))));
}

}  // namespace
}  // namespace pipe_harness
