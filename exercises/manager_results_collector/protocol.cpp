// Provided: values as words, frames, and the UNIX socket calls (protocol.hpp).
#include "protocol.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>
#include <thread>

#include "ipclab/bytes.hpp"

namespace ipclab::manager {
namespace {

[[noreturn]] void fail(const char* call) {
  throw std::system_error(errno, std::generic_category(), call);
}

bool closed_by_peer(int error) {
  return error == EPIPE || error == ECONNRESET;
}

std::string encode_list(const IntList& items) {
  std::string word = "l:";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) word += ',';
    word += std::to_string(items[i]);
  }
  return word;
}

IntList decode_list(std::string_view text) {
  IntList items;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    items.push_back(parse_int(text.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) throw std::invalid_argument("a list value ends with ','");
  }
  return items;
}

sockaddr_un socket_address(const std::string& address) {
  sockaddr_un where{};
  where.sun_family = AF_UNIX;
  if (address.empty() || address.size() >= sizeof where.sun_path) {
    throw std::invalid_argument("a socket address must be 1 to 107 characters: '" + address + "'");
  }
  std::memcpy(where.sun_path, address.c_str(), address.size() + 1);
  return where;
}

/// Writes all of `data`; false if the peer has closed the connection.
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && closed_by_peer(errno)) return false;
    if (n < 0) fail("send");
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

/// Reads exactly `size` bytes; false if the peer closed the connection first.
bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && closed_by_peer(errno)) return false;
    if (n < 0) fail("read");
    if (n == 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string encode_value(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return "i:" + std::to_string(*number);
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::string hex = ipclab::to_hex(ipclab::bytes_of(*text));
    return "s:" + (text->empty() ? std::string() : hex);
  }
  return encode_list(std::get<IntList>(value));
}

Value decode_value(std::string_view word) {
  if (word.size() < 2 || word[1] != ':') {
    throw std::invalid_argument("not a value: '" + std::string(word) + "'");
  }
  std::string_view body = word.substr(2);
  switch (word[0]) {
    case 'i':
      return parse_int(body);
    case 's': {
      if (body.empty()) return std::string();
      if (body == "-") throw std::invalid_argument("not a text value: 's:-'");
      ipclab::Bytes bytes = ipclab::from_hex(body);
      return std::string(bytes.begin(), bytes.end());
    }
    case 'l':
      return decode_list(body);
  }
  throw std::invalid_argument("not a value: '" + std::string(word) + "'");
}

std::int64_t parse_int(std::string_view word) {
  std::int64_t value = 0;
  const char* end = word.data() + word.size();
  auto [stop, error] = std::from_chars(word.data(), end, value);
  if (word.empty() || error != std::errc() || stop != end) {
    throw std::invalid_argument("not an integer: '" + std::string(word) + "'");
  }
  return value;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

void check_key(std::string_view key) {
  bool valid = !key.empty() && key.size() <= 200;
  for (char c : key)
    valid = valid && c > ' ' && c < 127;
  if (!valid) {
    throw std::invalid_argument("a key must be 1 to 200 printable characters without spaces: '" +
                                std::string(key.substr(0, 60)) + "'");
  }
}

bool send_frame(int fd, std::string_view payload) {
  if (payload.size() > kMaxFrame) throw std::length_error("send_frame: payload over 64 MiB");
  std::uint32_t n = static_cast<std::uint32_t>(payload.size());
  // Header and payload in one buffer: one send() for a small frame.
  std::string frame = {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                       static_cast<char>(n >> 8), static_cast<char>(n)};
  frame.append(payload);
  return write_all(fd, frame.data(), frame.size());
}

std::optional<std::string> recv_frame(int fd) {
  std::array<unsigned char, 4> header;
  if (!read_all(fd, reinterpret_cast<char*>(header.data()), header.size())) return std::nullopt;
  std::size_t n = (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) |
                  (std::size_t{header[2]} << 8) | header[3];
  if (n > kMaxFrame) {
    throw std::runtime_error("recv_frame: a frame announces " + std::to_string(n) +
                             " bytes, more than 64 MiB: the connection is out of step");
  }
  std::string payload(n, '\0');
  if (!read_all(fd, payload.data(), n)) return std::nullopt;
  return payload;
}

int listen_socket(const std::string& address) {
#ifdef IPCLAB_GRADING_BUILD
  // A slow start: whoever connects before the server said "ready" fails.
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
#endif
  sockaddr_un where = socket_address(address);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  if (::bind(fd, reinterpret_cast<sockaddr*>(&where), sizeof where) != 0 || ::listen(fd, 64) != 0) {
    int error = errno;
    ::close(fd);
    throw std::system_error(error, std::generic_category(), "listen_socket(" + address + ")");
  }
  return fd;
}

int accept_client(int listen_fd, std::chrono::milliseconds timeout) {
  pollfd entry{listen_fd, POLLIN, 0};
  int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) fail("poll");
  if (ready <= 0) return -1;
  int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0 && (errno == EINTR || errno == EAGAIN || errno == ECONNABORTED)) return -1;
  if (fd < 0) fail("accept");
  return fd;
}

int connect_socket(const std::string& address) {
  sockaddr_un where = socket_address(address);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  while (::connect(fd, reinterpret_cast<sockaddr*>(&where), sizeof where) != 0) {
    if (errno == EINTR) continue;
    if (errno == EISCONN) break;  // an interrupted connect() that completed meanwhile
    int error = errno;
    ::close(fd);
    if (error == ENOENT || error == ECONNREFUSED) {
      throw ServerGone("no manager server listens at " + address + " (" + std::strerror(error) +
                       ")");
    }
    throw std::system_error(error, std::generic_category(), "connect(" + address + ")");
  }
  return fd;
}

}  // namespace ipclab::manager
