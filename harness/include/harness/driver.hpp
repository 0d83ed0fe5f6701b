#pragma once
// A driver process under the test's control: the student's build or the
// reference build of the exercise's driver, asked to perform one API call at a
// time over its control channel (see exercises/common/driver_loop.hpp).
//
// Every call has a deadline. If the driver hangs, dies or floods its output,
// the test ends with that outcome and a message that says what each process
// was doing -- never with a bare "timed out".

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/child.hpp"
#include "exec/process_spec.hpp"

namespace ipclab::harness {

using namespace std::chrono_literals;

struct LabelledRoot;  // harness/hang_scene.hpp

/// The descriptor a driver reads its requests from (IPCLAB_CONTROL_FD): a
/// driver blocked reading it is idle, waiting for the test's next request.
inline constexpr int kControlFd = 3;

/// Which build of the exercise a driver runs.
enum class Build { student, reference };

/// One reply: `ok <words...>` or `error <kind> <message>`.
struct Reply {
  bool ok = false;
  std::vector<std::string> words;  ///< after "ok"
  std::string kind;                ///< after "error"
  std::string message;             ///< after the kind
  std::string line;                ///< the whole reply

  const std::string& word(std::size_t index) const;
  long long number(std::size_t index) const;
};

class Driver {
 public:
  /// Starts a driver of `build`. `fds` are extra descriptors it inherits
  /// (numbered from 4; 3 is the control channel). Aborts the test (crashed)
  /// if the driver cannot be started.
  static Driver start(Build build, const std::vector<exec::FdMapping>& fds = {});

  Driver(Driver&&) noexcept;
  Driver& operator=(Driver&&) noexcept;
  ~Driver();

  /// Sends `request` and returns the reply. If no reply comes within
  /// `timeout`, or the driver dies or floods its output, aborts the test.
  Reply call(const std::string& request, std::chrono::milliseconds timeout = 5s);

  /// The two halves of call(), for a call that can only finish while another
  /// driver works (a large send needs a receiver): post() sends the request
  /// without waiting; await_reply() waits for its reply.
  void post(const std::string& request);
  Reply await_reply(std::chrono::milliseconds timeout = 5s);

  /// Like await_reply(), but returns nothing when no reply came within `wait`
  /// (the reply is still expected later). Aborts if the driver died or flooded.
  std::optional<Reply> poll_reply(std::chrono::milliseconds wait);

  /// call(), while watching `other`, which has a request posted: if `other`
  /// fails first, the test ends with its error (the likely cause) instead of
  /// waiting out the timeout here. A success of `other` is kept for its
  /// await_reply().
  Reply call_watching(const std::string& request, Driver& other,
                      std::chrono::milliseconds timeout = 5s);

  /// call(), and aborts the test (failed) unless the reply is `ok`: the message
  /// names the operation and the exception it threw.
  Reply ok(const std::string& request, std::chrono::milliseconds timeout = 5s);

  /// Closes the control channel: the driver's command loop ends and it exits.
  /// Waits up to `timeout`; aborts (timed_out) with a diagnosis if it does not.
  exec::ExitStatus finish(std::chrono::milliseconds timeout = 5s);

  pid_t pid() const;
  Build build() const;
  /// "your driver" or "the reference driver".
  std::string label() const;
  /// What the driver wrote on stdout and stderr so far (capped).
  std::string output() const;
  /// "\n<label> printed:\n<excerpt>" when it printed anything, else "".
  std::string printed() const;

 private:
  struct State;
  explicit Driver(std::unique_ptr<State> state);
  friend std::vector<LabelledRoot> driver_roots();
  std::unique_ptr<State> state_;
};

/// Every driver started by this test that is still running (for diagnoses).
std::vector<const Driver*> running_drivers();

/// The running drivers as the roots of a hang diagnosis, with their labels;
/// safe to call from another thread than the test's (the whole-test deadline).
std::vector<LabelledRoot> driver_roots();

/// Who the drivers of `build` (and other programs the harness starts on its
/// side) run as when the harness is root: the uids the grader gave this run --
/// IPCLAB_DRIVER_UID for student drivers, IPCLAB_REFERENCE_UID for the
/// reference and the harness's own peers, two uids of the run's own, so that
/// student code can neither signal, trace nor replace the reference, and
/// neither kill(-1) nor RLIMIT_NPROC reaches past the run -- else nobody
/// (65534), e.g. when a harness is run by hand. Ends the test as unresolved
/// when only one is given, or both are the same.
exec::Credentials unprivileged_user(Build build = Build::student);

/// The first lines of `text`, indented, for messages ("" when empty).
std::string excerpt(const std::string& text, std::size_t max_lines = 12);

}  // namespace ipclab::harness
