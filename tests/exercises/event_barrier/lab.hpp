#pragma once
// Helpers for the event/barrier harness: a "lab" of driver processes that all
// map one shared-memory segment and so use the very same Event and Barrier
// objects, student and reference processes mixed.

#include <chrono>
#include <deque>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "exec/process_spec.hpp"
#include "harness/driver.hpp"
#include "harness/words.hpp"

namespace eb_harness {

using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value),
// trnf("{} party", "{} parties", n, n) for counts.
using ipclab::harness::tr;
using ipclab::harness::tr_later;
using ipclab::harness::trf;
using ipclab::harness::trnf;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// "your process" or "the reference process", in the student's language, for
/// messages (as a subject, or after "in").
std::string who(const Driver& driver);

/// The drivers of one test and the shared-memory segment they all map. The
/// segment is named here, created by the first driver, removed at the end.
class Lab {
 public:
  Lab();
  ~Lab();
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  /// Starts a driver of `build` that maps the segment and knows every object
  /// declared so far; `fds` as for Driver::start(). The reference stays valid.
  Driver& add(Build build, const std::vector<ipclab::exec::FdMapping>& fds = {});

  /// Declares an Event named `name` in every driver, present and future.
  void event(const std::string& name);

  /// Declares a Barrier (`timeout`: its default timeout in ms, "-" for none).
  void barrier(const std::string& name, int parties, const std::string& timeout = "-");

  /// The segment's name (objects in /dev/shm that are not it were left by others).
  const std::string& segment() const { return segment_; }

 private:
  void declare(const std::string& command);

  std::string segment_;
  std::deque<Driver> drivers_;
  std::vector<std::string> declarations_;
};

/// A reply and how long the call took, measured here.
struct Timed {
  Reply reply;
  long long ms = 0;
};

/// driver.call(request), timed.
Timed timed_call(Driver& driver, const std::string& request,
                 std::chrono::milliseconds timeout = 5s);

/// Milliseconds since `start`.
long long since(Clock::time_point start);

/// After a request was posted to `driver`: waits up to `limit` until the
/// driver sleeps in futex(), blocked on a mutex or a condition. Returns the
/// reply if the request returned instead (nothing: it blocked, or is slow).
std::optional<Reply> wait_until_blocked(Driver& driver, std::chrono::milliseconds limit = 2s);

/// Ends the test at once (failed) with `message`: for checks after which
/// nothing else makes sense (a party still blocked, ...).
[[noreturn]] void fail(const std::string& message);

/// "ok 2" -> "returned 2"; "error K m" -> "threw K: m" (what a call did, in
/// the student's language: a message says "it {}").
std::string outcome(const Reply& reply);

/// Names in /dev/shm that start with this run's prefix (as drivers make them),
/// except `except`.
std::vector<std::string> shm_leftovers(const Driver& driver, const std::string& except = "");

/// The processes still running (or zombies) below `driver`, after giving
/// them up to `grace` to go away: "pid 12 (a zombie)", ...
std::vector<std::string> lingering_children(const Driver& driver,
                                            std::chrono::milliseconds grace = 2s);

}  // namespace eb_harness
