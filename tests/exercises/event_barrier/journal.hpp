#pragma once
// The team's journal: a pipe the drivers' prepare(), work() and phase_done()
// write their lines to ("ready W", "work W P", "done P"), read and judged here.

#include <string>
#include <vector>

#include "exec/process_spec.hpp"
#include "exec/unique_fd.hpp"

namespace eb_harness {

/// The descriptor number drivers get the journal's write end on.
inline constexpr int kJournalFd = 4;

class Journal {
 public:
  Journal();

  /// Hands the write end to a driver as kJournalFd (send it `journal 4`).
  ipclab::exec::FdMapping mapping() const { return {write_.get(), kJournalFd}; }

  /// Closes the harness's copy of the write end (once every driver has started).
  void close_write() { write_.reset(); }

  /// Every line written so far (without waiting for more).
  std::vector<std::string> lines();

 private:
  ipclab::exec::UniqueFd read_;
  ipclab::exec::UniqueFd write_;
  std::string pending_;
};

/// What is wrong with a journal of `workers` workers and `phases` phases, in
/// words for the student; "" if it tells a correct story: every worker ready
/// before anyone works, every phase finished by all before anyone starts the
/// next, one phase_done() per phase at the right time.
std::string judge_journal(const std::vector<std::string>& lines, int workers, int phases);

}  // namespace eb_harness
