#pragma once
// What a hostile run may leave on the machine: processes named "hostile",
// files and IPC objects outside the run. Taken before and after each run.

#include <sys/types.h>

#include <set>
#include <string>

namespace hostile_suite {

struct Residue {
  std::set<pid_t> processes;  ///< alive, with comm "hostile"
  std::set<std::string>
      files;           ///< suspicious entries of /dev/shm, /dev/mqueue, /tmp, /var/tmp, /root
  std::string bashrc;  ///< $HOME/.bashrc of the suite's user, as it was
};

/// The residue on the machine now.
Residue take_residue();

/// What `after` has that `before` had not: "process 77 (hostile); /tmp/x" or "".
std::string new_residue(const Residue& before, const Residue& after);

/// Kills the surviving hostile processes and removes the new files (so one
/// failure does not spill into the next run).
void clean_up(const Residue& before, const Residue& after);

}  // namespace hostile_suite
