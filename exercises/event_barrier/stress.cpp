// Provided: the driver's long-running commands (see stress.hpp).
#include "stress.hpp"

#include "ipclab/driver_loop.hpp"

namespace ipclab::sync {

RelayResult relay(Event& in, Event& out, int rounds, std::chrono::milliseconds timeout,
                  bool first) {
  using Clock = std::chrono::steady_clock;
  if (first) out.set();
  for (int round = 0; round < rounds; ++round) {
    const auto start = Clock::now();
    const bool set = in.wait(timeout);
    // A wait that ends only when its time runs out missed the set(): either it
    // gives up although the flag is set, or it notices the flag only then.
    const bool late = Clock::now() - start >= timeout * 9 / 10;
    if (!set || late) return {round, in.is_set() ? "lost" : "stalled"};
    in.clear();
    out.set();
  }
  return {rounds, "done"};
}

namespace {

[[noreturn]] void violation(Barrier& barrier, const std::string& what) {
  try {
    barrier.abort();  // release the other parties: the run is over
  } catch (...) {
  }
  throw DriverError("Violation", what);
}

/// After this party passed `pass` with `index`: was every party there?
void check_pass(Barrier& barrier, Board& board, int slot, int slots, int pass, int index) {
  const std::string passed = "party " + std::to_string(slot) + " passed pass " +
                             std::to_string(pass) + " with index " + std::to_string(index);
  if (index < 0 || index >= barrier.parties()) {
    violation(barrier, passed + ", outside 0.." + std::to_string(barrier.parties() - 1));
  }
  const std::uint32_t bit = 1u << index;
  if (board.seen[pass % 3].fetch_or(bit) & bit) {
    violation(barrier, passed + ", but another party got the same index in that pass");
  }
  if (index == 0) board.seen[(pass + 1) % 3] = 0;  // nobody uses it before the next pass
  for (int other = 0; other < slots; ++other) {
    const int at = board.passes[other].load();
    if (other != slot && (at < pass || at > pass + 1)) {
      violation(barrier, passed + " while party " + std::to_string(other) + " was at pass " +
                             std::to_string(at) + " (every party must be at pass " +
                             std::to_string(pass) + " or " + std::to_string(pass + 1) + ")");
    }
  }
}

}  // namespace

int lockstep(Barrier& barrier, Board& board, int slot, int slots, int passes, Timeout timeout) {
  if (slot < 0 || slot >= slots || slots > Board::kSlots) {
    throw DriverError("Usage", "lockstep: bad slot numbers");
  }
  for (int pass = 0; pass < passes; ++pass) {
    board.passes[slot] = pass;
    const int index = barrier.wait(timeout);
    check_pass(barrier, board, slot, slots, pass, index);
  }
  return passes;
}

void Poker::start(std::function<void()> poke, std::chrono::microseconds interval) {
  stop();
  stopping_ = false;
  pokes_ = 0;
  thread_ = std::thread([this, poke = std::move(poke), interval] {
    while (!stopping_) {
      poke();
      ++pokes_;
      std::this_thread::sleep_for(interval);
    }
  });
}

long Poker::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return pokes_;
}

}  // namespace ipclab::sync
