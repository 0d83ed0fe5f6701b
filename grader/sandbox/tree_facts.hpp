#pragma once
// What a run's cgroup saw of the test's whole process tree (processes left
// running, its process and memory limits reached), recorded on the run's
// result: as facts the grader decides on, and as notes a student reads.

#include <string>

#include "exec/process_runner.hpp"
#include "sandbox/cgroup.hpp"

namespace grader {

/// What a run's cgroup saw when the run ended.
struct TreeFacts {
  int killed_afterwards = 0;       ///< processes still running after the run, killed
  bool process_limit_hit = false;  ///< the pids limit stopped a fork
  bool memory_limit_hit = false;   ///< the tree reached its memory limit
};

/// The note for `processes` (> 0) processes of a test still running after it
/// ended, and killed, in the chosen language (i18n::trn). The same words
/// whoever saw them: the run's cgroup or the supervisor's process group.
std::string killed_afterwards_note(int processes);

/// Records `facts` on `result`: sets memory_limit_reached, and adds one note
/// for each fact, in the chosen language (i18n::tr). Never removes anything.
void add_tree_facts(const TreeFacts& facts, const TreeLimits& limits,
                    ipclab::exec::ProcessResult& result);

}  // namespace grader
