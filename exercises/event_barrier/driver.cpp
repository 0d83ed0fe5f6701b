// Provided: the driver. It exposes every operation of sync.hpp as a command,
// so the tests can ask this process to set an event, wait at a barrier, or run
// a whole team. Run it by hand to experiment:
//
//   $ ./event_barrier_driver
//   create demo         create a shared-memory segment named "demo"
//   event e             an Event named "e" in it
//   wait e 500          -> ok 0   (half a second later: the flag is not set)
//   help                list every command
//
// Another driver that runs `open demo` sees the same objects.
#include <boost/interprocess/managed_shared_memory.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "ipclab/driver_loop.hpp"
#include "probe.hpp"
#include "stress.hpp"
#include "sync.hpp"
#include "team_hooks.hpp"

namespace {

namespace bip = boost::interprocess;
using ipclab::DriverError;
using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
using namespace ipclab::sync;

constexpr std::size_t kSegmentBytes = 64 * 1024;

std::optional<bip::managed_shared_memory> segment;
std::map<std::string, Event*> events;
std::map<std::string, Barrier*> barriers;
Team* team = nullptr;
std::unique_ptr<Lock> held;  // a mutex held across commands (`hold`)
Poker poker;

bip::managed_shared_memory& current_segment() {
  if (!segment) throw DriverError("Usage", "no segment yet: `create NAME` or `open NAME` first");
  return *segment;
}

template <class T>
T& named(std::map<std::string, T*>& objects, const Request& request, std::size_t index = 0) {
  auto it = objects.find(request.word(index));
  if (it == objects.end()) {
    throw DriverError("Usage", "no object named '" + request.word(index) + "' here");
  }
  return *it->second;
}

/// "-" or a missing argument: no timeout; otherwise milliseconds.
Timeout timeout_arg(const Request& request, std::size_t index) {
  if (!request.has(index) || request.word(index) == "-") return std::nullopt;
  return std::chrono::milliseconds(request.integer(index));
}

int int_arg(const Request& request, std::size_t index) {
  return static_cast<int>(request.integer(index));
}

Reply flag(bool value) {
  return {value ? "1" : "0"};
}

void register_segment(DriverLoop& loop) {
  loop.on("create", "create SEGMENT  (a new shared-memory segment)", [](const Request& r) {
    bip::shared_memory_object::remove(r.word(0).c_str());
    // Group read-write: the reference's drivers run as another user of the group.
    segment.emplace(bip::create_only, r.word(0).c_str(), kSegmentBytes, nullptr,
                    bip::permissions(0660));
    return Reply{};
  });
  loop.on("open", "open SEGMENT  (an existing segment)", [](const Request& r) {
    segment.emplace(bip::open_only, r.word(0).c_str());
    return Reply{};
  });
  loop.on("event", "event NAME  (find or construct an Event)", [](const Request& r) {
    events[r.word(0)] = current_segment().find_or_construct<Event>(r.word(0).c_str())();
    return Reply{};
  });
  loop.on("barrier", "barrier NAME PARTIES [TIMEOUT_MS|-]", [](const Request& r) {
    barriers[r.word(0)] = current_segment().find_or_construct<Barrier>(r.word(0).c_str())(
        int_arg(r, 1), timeout_arg(r, 2));
    return Reply{};
  });
}

void register_event(DriverLoop& loop) {
  loop.on("set", "set EVENT", [](const Request& r) {
    named(events, r).set();
    return Reply{};
  });
  loop.on("clear", "clear EVENT", [](const Request& r) {
    named(events, r).clear();
    return Reply{};
  });
  loop.on("is_set", "is_set EVENT  -> 0|1",
          [](const Request& r) { return flag(named(events, r).is_set()); });
  loop.on("wait", "wait EVENT [TIMEOUT_MS|-]  -> 0|1",
          [](const Request& r) { return flag(named(events, r).wait(timeout_arg(r, 1))); });
}

void register_barrier(DriverLoop& loop) {
  loop.on("bwait", "bwait BARRIER [TIMEOUT_MS|-]  -> INDEX", [](const Request& r) {
    return Reply{std::to_string(named(barriers, r).wait(timeout_arg(r, 1)))};
  });
  loop.on("reset", "reset BARRIER", [](const Request& r) {
    named(barriers, r).reset();
    return Reply{};
  });
  loop.on("abort", "abort BARRIER", [](const Request& r) {
    named(barriers, r).abort();
    return Reply{};
  });
  loop.on("parties", "parties BARRIER",
          [](const Request& r) { return Reply{std::to_string(named(barriers, r).parties())}; });
  loop.on("n_waiting", "n_waiting BARRIER",
          [](const Request& r) { return Reply{std::to_string(named(barriers, r).n_waiting())}; });
  loop.on("broken", "broken BARRIER  -> 0|1",
          [](const Request& r) { return flag(named(barriers, r).broken()); });
  loop.on("state", "state BARRIER  -> count C state S (its fields)",
          [](const Request& r) { return Reply{Probe::describe(named(barriers, r))}; });
}

void register_probes(DriverLoop& loop) {
  loop.on("poke_start", "poke_start EVENT|BARRIER INTERVAL_US  (spurious wake-ups)",
          [](const Request& r) {
            std::function<void()> poke;
            if (events.count(r.word(0))) {
              poke = [e = events[r.word(0)]] { Probe::notify(*e); };
            } else {
              poke = [b = &named(barriers, r)] { Probe::notify(*b); };
            }
            poker.start(std::move(poke), std::chrono::microseconds(r.integer(1)));
            return Reply{};
          });
  loop.on("poke_stop", "poke_stop  -> POKES",
          [](const Request&) { return Reply{std::to_string(poker.stop())}; });
  loop.on("hold", "hold EVENT  (lock its mutex and keep it)", [](const Request& r) {
    held = std::make_unique<Lock>(Probe::mutex(named(events, r)));
    return Reply{};
  });
  loop.on("release", "release EVENT SET(0|1)  (set the flag if SET, then unlock)",
          [](const Request& r) {
            if (!held) throw DriverError("Usage", "release: nothing is held");
            if (r.integer(1) != 0) Probe::set_holding_lock(named(events, r));
            held.reset();
            return Reply{};
          });
  loop.on("relay", "relay IN OUT ROUNDS TIMEOUT_MS FIRST(0|1)  -> ROUNDS done|lost|stalled",
          [](const Request& r) {
            RelayResult result = relay(named(events, r, 0), named(events, r, 1), int_arg(r, 2),
                                       std::chrono::milliseconds(r.integer(3)), r.integer(4) != 0);
            return Reply{std::to_string(result.rounds), result.status};
          });
  loop.on("lockstep", "lockstep BARRIER SLOT SLOTS PASSES TIMEOUT_MS|-  -> PASSES",
          [](const Request& r) {
            Board* board =
                current_segment().find_or_construct<Board>(("board_" + r.word(0)).c_str())();
            int passes = lockstep(named(barriers, r), *board, int_arg(r, 1), int_arg(r, 2),
                                  int_arg(r, 3), timeout_arg(r, 4));
            return Reply{std::to_string(passes)};
          });
}

Team& current_team() {
  if (team == nullptr) throw DriverError("Usage", "no team here: `team_new` or `team_open` first");
  return *team;
}

void register_team(DriverLoop& loop) {
  loop.on("journal", "journal FD  (where prepare/work/phase_done write)", [](const Request& r) {
    set_journal_fd(int_arg(r, 0));
    return Reply{};
  });
  loop.on("team", "team WORKERS PHASES  (run_team)", [](const Request& r) {
    return Reply{std::to_string(run_team(int_arg(r, 0), int_arg(r, 1)))};
  });
  loop.on("team_new", "team_new WORKERS  (construct a Team in the segment)", [](const Request& r) {
    team = current_segment().construct<Team>("team")(int_arg(r, 0));
    return Reply{};
  });
  loop.on("team_open", "team_open  (the segment's Team)", [](const Request&) {
    team = current_segment().find<Team>("team").first;
    if (team == nullptr) throw DriverError("Usage", "the segment has no team");
    return Reply{};
  });
  loop.on("worker", "worker ID PHASES  (worker() in this process)", [](const Request& r) {
    worker(current_team(), int_arg(r, 0), int_arg(r, 1));
    return Reply{};
  });
  loop.on("start", "start  (start() in this process)", [](const Request&) {
    start(current_team());
    return Reply{};
  });
}

}  // namespace

int main() {
  DriverLoop loop("event_barrier");
  register_segment(loop);
  register_event(loop);
  register_barrier(loop);
  register_probes(loop);
  register_team(loop);
  return loop.run();
}
