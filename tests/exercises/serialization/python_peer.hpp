#pragma once
// Python's own pickle module, for the interoperability tests: a python3
// process running pickle_peer.py, talked to over a socket one line at a time
// (like a driver). It unpickles student bytes with a restricted Unpickler that
// can only make the course's classes, and runs as an unprivileged user.
//
// How python3 is found: $IPCLAB_PYTHON when set (a path; "" or "none" turns
// the Python checks off), else python3 on $PATH (the grader gives harnesses
// PATH=/usr/bin:/bin). Without it, the tests that need it are skipped with a
// visible reason: the grader reports them as not run, and they earn nothing.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace serial {

using namespace std::chrono_literals;

class PythonPeer {
 public:
  /// Starts the peer, or returns nullopt and says why in `why_not`.
  static std::optional<PythonPeer> start(std::string* why_not);

  PythonPeer(PythonPeer&&) noexcept;
  PythonPeer& operator=(PythonPeer&&) noexcept;
  ~PythonPeer();

  /// Sends `request`; returns the reply line ("ok ..." or "error KIND message").
  /// Ends the test (unresolved) if Python dies or does not answer in time.
  std::string call(const std::string& request, std::chrono::milliseconds timeout = 30s);

  /// "python3 3.11.2 (/usr/bin/python3)"
  const std::string& description() const;

 private:
  struct State;
  explicit PythonPeer(std::unique_ptr<State> state);
  static std::optional<PythonPeer> start_with(const std::string& python, std::string* why_not);
  std::unique_ptr<State> state_;
};

}  // namespace serial
