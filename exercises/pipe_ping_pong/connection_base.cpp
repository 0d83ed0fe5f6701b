// Provided: the parts of Connection that are not the exercise.
#include <unistd.h>

#include "connection.hpp"

namespace ipclab::pipe {

BufferTooShort::BufferTooShort(Bytes message)
    : std::runtime_error("message of " + std::to_string(message.size()) +
                         " bytes does not fit in the buffer"),
      message_(std::move(message)) {}

Connection::Connection(int fd, bool readable, bool writable)
    : fd_(fd), readable_(readable), writable_(writable) {}

Connection::Connection(Connection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), readable_(other.readable_), writable_(other.writable_) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    readable_ = other.readable_;
    writable_ = other.writable_;
  }
  return *this;
}

Connection::~Connection() {
  close();
}

void Connection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Connection::check_readable() const {
  if (closed()) throw ConnectionError("connection is closed");
  if (!readable_) throw ConnectionError("connection is write-only");
}

void Connection::check_writable() const {
  if (closed()) throw ConnectionError("connection is closed");
  if (!writable_) throw ConnectionError("connection is read-only");
}

}  // namespace ipclab::pipe
