#pragma once
// Event and Barrier: two synchronisation objects that work between processes,
// like Python's multiprocessing.Event and multiprocessing.Barrier.
//
// Both live in shared memory, so every process that maps the segment uses the
// very same object: one process calls set() and the others, blocked in wait(),
// wake up. Inside each object is a Boost.Interprocess mutex and condition
// (process-shared pthread objects) and a little state (a flag; a count and a
// state). The layout is fixed by this header: your code and the reference run
// on the same objects at the same time during the tests, so both must follow
// the same rules (README.md spells them out).
//
// You implement the functions marked "you implement" in event.cpp, barrier.cpp
// and team.cpp. Everything else is provided; do not change this header.

#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <thread>

#include "ipclab/errors.hpp"

namespace ipclab::sync {

namespace bip = boost::interprocess;
using ipclab::BrokenBarrierError;  // a barrier was broken, reset or aborted while waiting

using Mutex = bip::interprocess_mutex;          ///< a process-shared mutex
using Condition = bip::interprocess_condition;  ///< a process-shared condition variable
using Lock = bip::scoped_lock<Mutex>;  ///< locks in its constructor, unlocks when destroyed

/// How long a wait may take: a number of milliseconds, or std::nullopt for
/// "wait as long as it takes" (Python's timeout=None). Zero or negative: do not wait.
using Timeout = std::optional<std::chrono::milliseconds>;

struct Probe;  // the provided driver's test hooks (they notify conditions on purpose)

/// A bool that lives in shared memory: assign true/false, read it like a bool.
/// In grading builds, reading `false` pauses for 0.1 ms. That is harmless when
/// you hold the mutex, but it turns a rare race (the flag checked without the
/// mutex, a set() that slips in before the wait) into one that happens every time.
class SharedFlag {
 public:
  SharedFlag& operator=(bool value) {
    value_ = value;
    return *this;
  }
  operator bool() const {
    const bool value = value_;
#if IPCLAB_GRADING_BUILD
    if (!value) std::this_thread::sleep_for(std::chrono::microseconds(100));
#endif
    return value;
  }

 private:
  bool value_ = false;
};

/// A flag that processes can wait for: Python's multiprocessing.Event.
/// Construct it in shared memory (segment.construct<Event>("name")()).
class Event {
 public:
  Event() = default;  ///< provided: the flag starts false
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  // ---- you implement these (event.cpp) ------------------------------------

  /// True if the flag is set. Never blocks for long (takes the mutex briefly).
  bool is_set() const;

  /// Sets the flag and wakes every process waiting in wait(). Setting a set
  /// flag is harmless.
  void set();

  /// Clears the flag: later wait() calls block until the next set().
  void clear();

  /// Blocks until the flag is set, or until `timeout` has passed (std::nullopt:
  /// no limit; zero or negative: just look). Returns the flag when it returns:
  /// true if it is set, false if the time ran out. Returns at once if the flag
  /// is already set. Never returns false before the timeout, whatever wakes it.
  bool wait(Timeout timeout = std::nullopt);

 private:
  friend struct Probe;
  mutable Mutex mutex_;  ///< guards flag_ (mutable: const is_set() locks it too)
  Condition changed_;    ///< notified when flag_ becomes true
  SharedFlag flag_;      ///< the event's flag
};

/// A meeting point for a fixed number of processes: Python's
/// multiprocessing.Barrier (without `action`). Reusable: once every party has
/// arrived and all are released, it is ready for the next round.
/// Its state machine is CPython's threading.Barrier (see README.md).
class Barrier {
 public:
  /// The four states of CPython's threading.Barrier.
  enum class State : std::int32_t {
    filling = 0,     ///< parties are arriving; wait() blocks until the last one
    draining = 1,    ///< the last party arrived: the waiting parties leave
    resetting = -1,  ///< reset() was called: the waiting parties leave with an error
    broken = -2,     ///< aborted or timed out: every wait() throws until reset()
  };

  /// Provided. A barrier for `parties` processes; `timeout` is the default for
  /// wait() calls that give none. Throws std::invalid_argument if parties < 1.
  explicit Barrier(int parties, Timeout timeout = std::nullopt)
      : parties_(parties), timeout_ms_(timeout ? timeout->count() : -1) {
    if (parties < 1) throw std::invalid_argument("Barrier: parties must be at least 1");
  }
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  /// Provided: the number of parties needed to pass the barrier.
  int parties() const { return parties_; }

  /// Provided: the default timeout given to the constructor (std::nullopt: none).
  Timeout default_timeout() const {
    return timeout_ms_ < 0 ? Timeout{} : Timeout{std::chrono::milliseconds(timeout_ms_)};
  }

  // ---- you implement these (barrier.cpp) ----------------------------------

  /// Waits until `parties()` processes have called wait(), then all return.
  /// Returns this party's arrival index: 0 for the first to arrive, ...,
  /// parties() - 1 for the last (which releases the others). Without a
  /// `timeout`, the default timeout applies. Throws BrokenBarrierError if the
  /// barrier is broken, or becomes broken or reset while waiting; a timeout
  /// breaks the barrier for every waiting party, then throws.
  int wait(Timeout timeout = std::nullopt);

  /// Returns the barrier to its initial state. Parties waiting right now get
  /// BrokenBarrierError; a broken barrier becomes usable again.
  void reset();

  /// Breaks the barrier: every waiting party and every later wait() gets
  /// BrokenBarrierError, until reset().
  void abort();

  /// How many parties are waiting in the current round (0 while draining).
  int n_waiting() const;

  /// True if the barrier is broken.
  bool broken() const;

 private:
  friend struct Probe;

  // The steps of wait(), named after CPython's. You implement them too
  // (barrier.cpp); each is called with mutex_ locked.

  /// CPython _enter(): waits while the barrier is draining or resetting, then
  /// throws BrokenBarrierError if it is broken.
  void enter(Lock& lock);
  /// CPython _release(): the last party arrived: switch to draining, wake everyone.
  void release();
  /// CPython _wait(): waits until the state is no longer filling; on timeout
  /// breaks the barrier and throws; throws if it ended broken or resetting.
  void wait_for_release(Lock& lock, Timeout timeout);
  /// CPython _exit(): called by every party leaving wait(), after count_ went
  /// down: the last one out of a draining or resetting barrier refills it.
  void leave();
  /// CPython _break(): switch to broken, wake everyone.
  void break_barrier();

  mutable Mutex mutex_;            ///< guards everything below
  Condition changed_;              ///< notified whenever state_ changes
  const std::int32_t parties_;     ///< the number of parties
  const std::int64_t timeout_ms_;  ///< the default timeout; -1: none
  std::int32_t count_ = 0;         ///< parties inside wait() (arrived or leaving)
  State state_ = State::filling;   ///< see State
};

// ---- the team: a coordinator and its workers --------------------------------

/// The most workers a Team holds.
inline constexpr int kMaxWorkers = 16;

/// What a coordinator and its workers share, in one shared-memory segment.
struct Team {
  /// Provided. Throws std::invalid_argument unless 1 <= workers <= kMaxWorkers.
  explicit Team(int workers_) : workers(workers_), phase_end(checked(workers_)) {}

  const int workers;         ///< how many workers
  Event go;                  ///< set by the coordinator once every worker is ready
  Event ready[kMaxWorkers];  ///< ready[i]: set by worker i when it is ready
  Barrier phase_end;         ///< separates the phases (workers parties)

 private:
  static int checked(int workers) {
    if (workers < 1 || workers > kMaxWorkers)
      throw std::invalid_argument("Team: workers must be between 1 and 16");
    return workers;
  }
};

// Provided: the work itself. Each call takes a little time and is recorded, so
// the tests can check the order of what happened.

/// Worker `worker` gets ready (loads its data, say). Takes 5 + 10 * worker ms.
void prepare(int worker);

/// Worker `worker` does its share of phase `phase`.
void work(int worker, int phase);

/// Announces that phase `phase` is complete. Call it once per phase: from the
/// worker whose Barrier::wait() returned 0 for that phase.
void phase_done(int phase);

// ---- you implement these (team.cpp) -----------------------------------------

/// Worker `id` of `team`: prepare(id); set team.ready[id]; wait for team.go;
/// then for each phase 0..phases-1: work(id, phase), wait at team.phase_end,
/// and call phase_done(phase) if that wait returned 0.
void worker(Team& team, int id, int phases);

/// The coordinator's start signal: waits until every worker of `team` is ready
/// (team.ready[0 .. team.workers-1]), then sets team.go.
void start(Team& team);

/// The whole program: creates a shared-memory segment named with
/// ipclab::unique_name(), constructs a Team of `workers` in it, forks one
/// process per worker (each runs worker() and ends with _exit()), calls
/// start(), waits for every worker with waitpid(), removes the segment.
/// Returns how many workers exited with status 0.
int run_team(int workers, int phases);

}  // namespace ipclab::sync
