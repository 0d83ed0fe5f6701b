#pragma once
// The command loop of every provided driver. A driver exposes each operation of
// an exercise's API as a command, so that a test can ask any process to
// "send these bytes on connection a" or "wait on event e for 200 ms".
//
// Protocol (one line each way, words separated by single spaces):
//   request:  <command> <arg>...
//   reply:    ok <word>...            the call returned
//             error <Kind> <message>  the call threw; Kind names the exception
// The channel is the file descriptor in $IPCLAB_CONTROL_FD, or stdin/stdout when
// unset, so a driver can also be run by hand in a terminal.
// Replies never use stdout when a control fd is given: what student code prints
// stays out of the protocol.

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "ipclab/bytes.hpp"

namespace ipclab {

/// One request: the command word and its arguments, with typed accessors that
/// throw UsageError when an argument is missing or malformed.
struct Request {
  std::string command;
  std::vector<std::string> args;

  const std::string& word(std::size_t index) const;
  std::int64_t integer(std::size_t index) const;
  Bytes hex(std::size_t index) const;
  bool has(std::size_t index) const { return index < args.size(); }
};

/// The words of a successful reply.
using Reply = std::vector<std::string>;

/// Thrown by handlers to reply `error <kind> <message>` with an explicit kind.
class DriverError : public std::exception {
 public:
  DriverError(std::string kind, std::string message)
      : kind_(std::move(kind)), message_(std::move(message)) {}
  const std::string& kind() const { return kind_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string kind_;
  std::string message_;
};

class DriverLoop {
 public:
  using Handler = std::function<Reply(const Request&)>;

  /// `program` names the driver in usage messages.
  explicit DriverLoop(std::string program);

  /// Registers a command. `usage` is shown by `help` and in usage errors.
  void on(const std::string& command, const std::string& usage, Handler handler);

  /// Names exceptions of type E (and derived types) `kind` in error replies.
  /// Later registrations are tried first; built-in names cover the common exceptions.
  template <class E>
  void name_error(const std::string& kind) {
    namers_.insert(namers_.begin(), [kind](const std::exception& e) -> std::optional<std::string> {
      if (dynamic_cast<const E*>(&e) != nullptr) return kind;
      return std::nullopt;
    });
  }

  /// Serves requests until the channel closes. Returns the process exit code.
  int run();

 private:
  struct Command {
    std::string name;
    std::string usage;
    Handler handler;
  };
  std::string answer(const std::string& line);
  std::string error_kind(const std::exception& e) const;
  const Command* find(const std::string& name) const;

  std::string program_;
  std::vector<Command> commands_;
  std::vector<std::function<std::optional<std::string>(const std::exception&)>> namers_;
};

}  // namespace ipclab
