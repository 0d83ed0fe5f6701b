#pragma once
// Helpers for the pipe ping-pong harness: connected driver pairs, raw access
// to the bytes on the wire, and readable descriptions of byte strings.

#include <chrono>
#include <string>
#include <utility>

#include "exec/unique_fd.hpp"
#include "harness/driver.hpp"
#include "harness/words.hpp"
#include "ipclab/bytes.hpp"

namespace pipe_harness {

using ipclab::Bytes;
using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value).
using ipclab::harness::tr;
using ipclab::harness::tr_later;
using ipclab::harness::trf;
using namespace std::chrono_literals;

/// The descriptor number drivers get their exercise connection on.
inline constexpr int kConnectionFd = 4;

/// A connected socket pair (both ends close-on-exec).
std::pair<ipclab::exec::UniqueFd, ipclab::exec::UniqueFd> socket_pair();

/// A driver whose connection "c" is one end of a socket pair; the other end is
/// returned for the test to read and write raw bytes.
std::pair<Driver, ipclab::exec::UniqueFd> driver_with_raw_peer(Build build);

/// Two drivers whose connections "c" are the two ends of one socket pair.
std::pair<Driver, Driver> connected_drivers(Build first, Build second);

/// Reads exactly `size` bytes from `fd` within `timeout`; returns what arrived
/// (fewer bytes on timeout or end-of-file).
Bytes read_raw(int fd, std::size_t size, std::chrono::milliseconds timeout = 3s);

/// read_raw() while `driver` works on a posted `call` that should write those
/// bytes: ends the test (failed) as soon as the call returns instead, so a
/// call that throws at once fails at once, not after `timeout`.
Bytes read_raw_during(Driver& driver, const std::string& call, int fd, std::size_t size,
                      std::chrono::milliseconds timeout = 3s);

/// Writes all of `data` to `fd`.
void write_raw(int fd, const Bytes& data);

/// The frame of a message: 4-byte big-endian length, then the bytes.
Bytes frame(const Bytes& message);

/// Python-style literal of a byte string, shortened: b'ab\x00c'.
std::string show(const Bytes& data);

/// The bytes a `recv` or `recv_into` reply carries in word `index` (hex).
Bytes reply_bytes(const Reply& reply, std::size_t index);

/// `recv NAME` on `driver` must return `expected`; fails with `context` otherwise.
void expect_recv(Driver& driver, const std::string& name, const Bytes& expected,
                 const std::string& context, std::chrono::milliseconds timeout = 5s);

/// Milliseconds `driver.call(request)` took, and the reply.
std::pair<long long, Reply> timed_call(Driver& driver, const std::string& request,
                                       std::chrono::milliseconds timeout = 5s);

}  // namespace pipe_harness
