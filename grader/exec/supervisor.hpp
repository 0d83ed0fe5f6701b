#pragma once
// The one loop that supervises a started process, in reproc's vocabulary:
// wait for it with a deadline while draining the streams the caller keeps,
// and stop it with an explicit stop sequence -- each step a signal to the
// whole tree and a time to exit -- that always ends with the process reaped.
// Cancellable from another thread (CancelToken); the clock is injected.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cancel_token.hpp"
#include "child.hpp"
#include "steady_clock.hpp"
#include "unique_fd.hpp"

namespace ipclab::exec {

/// One step of a stop sequence: send `signal` to the whole tree (0: send
/// nothing), then give the process up to `wait` to exit.
struct StopStep {
  int signal = 0;
  std::chrono::milliseconds wait{0};
};

/// The steps in order. Supervisor::stop() kills and reaps whatever outlives them.
using StopSequence = std::vector<StopStep>;

/// SIGTERM, `grace` to exit, then SIGKILL; only SIGKILL when `grace` is zero.
StopSequence terminate_then_kill(std::chrono::milliseconds grace);

/// How the bytes of one collected stream are kept.
struct Capture {
  std::size_t cap = 1 << 20;      ///< bytes kept at most; the rest is read and dropped
  bool keep_tail = false;         ///< keep the last `cap` bytes instead of the first
  bool counts_as_output = false;  ///< counts toward SupervisorOptions::output_limit
};

/// Why Supervisor::wait() returned.
enum class Wake {
  exited,        ///< the process ended; it is reaped
  deadline,      ///< the deadline passed first
  cancelled,     ///< the cancel token was set
  output_limit,  ///< the counted streams delivered more than output_limit bytes
  ready,         ///< the watched descriptor became ready
};

/// A descriptor of the caller's that wait() also watches, with poll() events.
struct Watch {
  int fd;
  short events;
};

struct SupervisorOptions {
  const SteadyClock* clock = &SteadyClock::system();  ///< must outlive the supervisor
  CancelToken cancel;
  /// Bytes the counted streams may deliver before wait() says output_limit.
  std::size_t output_limit = SIZE_MAX;
  /// The longest single sleep: how often the clock and the token are read.
  std::chrono::milliseconds tick{50};
};

class Supervisor {
 public:
  /// Supervises `child`, which must outlive the supervisor.
  explicit Supervisor(Child& child, SupervisorOptions options = {});

  /// Keeps what `fd` delivers in `sink`; resets `fd` at end of file. Both must
  /// outlive the supervisor.
  void collect(UniqueFd& fd, std::string& sink, Capture capture);
  /// Writes `data` to `fd` (the child's stdin) as the child reads it, then
  /// closes `fd`; closes it at once when `data` is empty.
  void feed(UniqueFd& fd, std::string data);

  /// Waits until the process exits, `deadline` passes, the token is
  /// cancelled, the output limit is passed or `watch` is ready, whichever
  /// comes first, collecting and feeding meanwhile; looks at least once even
  /// when `deadline` has passed. Never signals the process. Throws
  /// std::system_error when poll() fails.
  Wake wait(SteadyClock::time_point deadline, std::optional<Watch> watch = std::nullopt);

  /// Runs `sequence` until the process has exited, then SIGKILLs whatever is
  /// left of its tree and reaps it: never returns with the process unreaped.
  /// Ignores the cancel token; safe when the process has exited already.
  ExitStatus stop(const StopSequence& sequence);

  /// Once the process has ended: reads what the streams still hold until all
  /// are at end of file or `budget` has passed (a leftover descendant may
  /// hold a write end open).
  void drain(std::chrono::milliseconds budget);

  /// True when a collected stream delivered more than its cap.
  bool truncated() const { return truncated_; }
  /// The clock the deadlines are measured with.
  const SteadyClock& clock() const { return *options_.clock; }

 private:
  struct Stream {
    UniqueFd* fd;
    std::string* sink;
    Capture capture;
  };
  bool look(std::chrono::milliseconds timeout, std::optional<Watch> watch);
  std::chrono::milliseconds slice_until(SteadyClock::time_point deadline) const;
  void read_from(Stream& stream);
  void write_stdin();
  bool any_open() const;

  Child& child_;
  SupervisorOptions options_;
  std::vector<Stream> streams_;
  UniqueFd* stdin_ = nullptr;
  std::string pending_stdin_;
  std::size_t output_ = 0;
  bool truncated_ = false;
};

}  // namespace ipclab::exec
