#include "framed_fd.hpp"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

#include "measure.hpp"

namespace ipclab::bench {
namespace {

void write_all(int fd, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "write");
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

bool read_all(int fd, std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "read");
    if (n == 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void write_frame(int fd, const std::uint8_t* data, std::uint32_t size) {
  const std::uint8_t header[4] = {
      static_cast<std::uint8_t>(size >> 24), static_cast<std::uint8_t>(size >> 16),
      static_cast<std::uint8_t>(size >> 8), static_cast<std::uint8_t>(size)};
  write_all(fd, header, 4);
  write_all(fd, data, size);
}

bool read_frame(int fd, std::vector<std::uint8_t>& buffer) {
  std::uint8_t header[4];
  if (!read_all(fd, header, 4)) return false;
  const std::uint32_t size = (std::uint32_t{header[0]} << 24) | (std::uint32_t{header[1]} << 16) |
                             (std::uint32_t{header[2]} << 8) | header[3];
  buffer.resize(size);
  if (!read_all(fd, buffer.data(), size)) throw std::runtime_error("a frame was cut short");
  return true;
}

void echo_frames(int in, int out) {
  std::vector<std::uint8_t> buffer;
  while (read_frame(in, buffer))
    write_frame(out, buffer.data(), static_cast<std::uint32_t>(buffer.size()));
}

double time_round_trips(int out, int in, std::size_t size, int round_trips) {
  std::vector<std::uint8_t> message(size, 0x5a);
  std::vector<std::uint8_t> reply;
  auto trip = [&] {
    write_frame(out, message.data(), static_cast<std::uint32_t>(size));
    if (!read_frame(in, reply) || reply.size() != size) throw std::runtime_error("bad echo");
  };
  for (int i = 0; i < round_trips / 10 + 1; ++i)
    trip();
  const double start = now_seconds();
  for (int i = 0; i < round_trips; ++i)
    trip();
  return (now_seconds() - start) * 1e6 / round_trips;
}

void send_frames(int fd, std::size_t size, int count) {
  std::vector<std::uint8_t> message(size, 0x5a);
  for (int i = 0; i <= count; ++i)
    write_frame(fd, message.data(), static_cast<std::uint32_t>(size));
}

double receive_frames(int fd, int count) {
  std::vector<std::uint8_t> buffer;
  if (!read_frame(fd, buffer)) throw std::runtime_error("the sender stopped early");
  const double start = now_seconds();
  for (int i = 0; i < count; ++i) {
    if (!read_frame(fd, buffer)) throw std::runtime_error("the sender stopped early");
  }
  return count / (now_seconds() - start);
}

}  // namespace ipclab::bench
