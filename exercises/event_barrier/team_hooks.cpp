// Provided: the team's work (prepare, work, phase_done). Each call takes a
// little time and writes one line to the journal, so the tests can check the
// order in which things happened across all the processes of a team:
//   ready W      worker W is prepared      (before it sets ready[W])
//   work W P     worker W finished phase P (before it waits at the barrier)
//   done P       phase P is complete       (after the barrier of phase P)
// The journal is the driver's standard output, or the descriptor given with
// the driver's `journal FD` command.
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "sync.hpp"
#include "team_hooks.hpp"

namespace ipclab::sync {
namespace {

int journal = STDOUT_FILENO;

/// One write() per line: lines from different processes never mix.
void record(const std::string& text) {
  std::string line = text + "\n";
  ssize_t ignored = ::write(journal, line.data(), line.size());
  (void)ignored;
}

void pause_ms(int ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

void set_journal_fd(int fd) {
  journal = fd;
}

void prepare(int worker) {
  pause_ms(5 + 10 * worker);
  record("ready " + std::to_string(worker));
}

void work(int worker, int phase) {
  // Worker 0 is always the slowest, and the others vary: without a barrier
  // between phases, the others would be phases ahead of it.
  pause_ms(worker == 0 ? 4 : (worker + phase) % 2);
  record("work " + std::to_string(worker) + " " + std::to_string(phase));
}

void phase_done(int phase) {
  record("done " + std::to_string(phase));
}

}  // namespace ipclab::sync
