#pragma once
// Manager results collector: the provided plumbing. How values are written as
// words, the exceptions, frames on a socket, and the UNIX socket calls. You use
// these from server.cpp and client.cpp; you do not change them.
//
// The wire format (README.md has the full table):
//
//   a frame  = 4-byte big-endian length, then that many bytes of text
//   request  = "<op> <arg> <arg>..."      e.g. "dict_add done 1"
//   reply    = "ok <word>..."             e.g. "ok 7"
//            | "error <Kind> <message>"   e.g. "error KeyError apple"
//
// A value is one word: "i:42" (an integer), "s:6869" (a text, its bytes in
// hex: "hi"; "s:" is the empty text), "l:1,2,3" (a list of integers; "l:" is
// the empty list).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ipclab/errors.hpp"

namespace ipclab::manager {

// ---- values ----------------------------------------------------------------

using IntList = std::vector<std::int64_t>;

/// A value the manager stores: an integer, a text (any bytes), or a list of
/// integers. Python: an int, a str/bytes, a list.
using Value = std::variant<std::int64_t, std::string, IntList>;

/// The contents of a dict (sorted by key) and of a list.
using Dict = std::map<std::string, Value>;
using List = std::vector<Value>;

/// The value as one word: "i:42", "s:6869", "l:1,2,3".
std::string encode_value(const Value& value);

/// The value a word stands for. Throws std::invalid_argument if it is not one.
Value decode_value(std::string_view word);

/// A plain decimal integer ("42", "-7"). Throws std::invalid_argument otherwise.
std::int64_t parse_int(std::string_view word);

/// The words of a request or reply (split at spaces; no empty words).
std::vector<std::string> split_words(std::string_view text);

/// Throws std::invalid_argument unless `key` is 1 to 200 printable ASCII
/// characters without spaces (so it is one word on the wire).
void check_key(std::string_view key);

// ---- errors ----------------------------------------------------------------
// The server answers "error <Kind> <message>"; a proxy throws the matching
// exception, as Python re-raises the server's exception in the client.

/// dict_get of a key the dict does not hold ("error KeyError ...").
class KeyError : public std::out_of_range {
  using std::out_of_range::out_of_range;
};

/// A list index out of range ("error IndexError ...").
class IndexError : public std::out_of_range {
  using std::out_of_range::out_of_range;
};

/// dict_add on a key that does not hold an integer ("error TypeError ...").
class TypeError : public std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// Any other error reply, e.g. "error BadRequest ..." (Python's RemoteError).
class RemoteError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The server cannot be reached: nobody listens at the address, or the
/// connection was closed (the server shut down or died). Python raises
/// EOFError, BrokenPipeError or ConnectionRefusedError here.
class ServerGone : public ipclab::EndOfStream {
  using ipclab::EndOfStream::EndOfStream;
};

// ---- frames ----------------------------------------------------------------

/// The largest frame: a longer length header means the connection is out of step.
inline constexpr std::size_t kMaxFrame = 64u << 20;

/// Sends one frame: the 4-byte big-endian length of `payload`, then `payload`.
/// Returns false if the other end has closed the connection. Retries on EINTR;
/// never raises SIGPIPE. Throws std::system_error on other errors.
bool send_frame(int fd, std::string_view payload);

/// Receives one frame and returns its payload. Returns std::nullopt if the
/// other end has closed the connection (before or in the middle of a frame).
/// Retries on EINTR. Throws std::runtime_error on a length over kMaxFrame and
/// std::system_error on other errors.
std::optional<std::string> recv_frame(int fd);

// ---- sockets ---------------------------------------------------------------
// An address is the path of a UNIX socket file, like Python's
// Manager(address="/tmp/pymp-.../listener-..."). Every descriptor these
// functions return is close-on-exec.

/// A socket listening at `address`. Throws std::system_error if it cannot (the
/// file exists already: EADDRINUSE; no such folder: ENOENT). In grading builds
/// it first waits 150 ms, like a server that is slow to start.
int listen_socket(const std::string& address);

/// Waits up to `timeout` for a client to connect; returns the new connection,
/// or -1 if none came in time.
int accept_client(int listen_fd, std::chrono::milliseconds timeout);

/// A connection to the server listening at `address`. Throws ServerGone if
/// nobody listens there (no socket file, or its server has exited).
int connect_socket(const std::string& address);

}  // namespace ipclab::manager
