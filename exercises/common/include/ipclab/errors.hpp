#pragma once
// The exceptions shared by all exercises. They mirror the Python exceptions the
// course talks about (queue.Empty, queue.Full, EOFError, BrokenBarrierError).

#include <stdexcept>
#include <string>

namespace ipclab {

/// Thrown by every untouched stub: "Connection::send_bytes is not implemented yet".
class NotImplemented : public std::logic_error {
 public:
  explicit NotImplemented(const std::string& what)
      : std::logic_error(what + " is not implemented yet") {}
};

/// The other end is closed and nothing is left to read (Python's EOFError).
class EndOfStream : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A get() found nothing before its timeout (Python's queue.Empty).
class Empty : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A put() found no room before its timeout (Python's queue.Full).
class Full : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A barrier was broken, reset or aborted while waiting (threading.BrokenBarrierError).
class BrokenBarrierError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ipclab
