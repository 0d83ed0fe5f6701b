#pragma once
// What a run's cgroup saw of the test's whole process tree (processes left
// running, its process and memory limits reached), recorded on the run's
// result: as facts the grader decides on, and as notes a student reads.

#include "exec/process_runner.hpp"
#include "sandbox/cgroup.hpp"

namespace grader {

/// What a run's cgroup saw when the run ended.
struct TreeFacts {
  int killed_afterwards = 0;       ///< processes still running after the run, killed
  bool process_limit_hit = false;  ///< the pids limit stopped a fork
  bool memory_limit_hit = false;   ///< the tree reached its memory limit
};

/// Records `facts` on `result`: sets memory_limit_reached, and adds one note
/// for each fact, in the chosen language (i18n::tr). Never removes anything.
void add_tree_facts(const TreeFacts& facts, const TreeLimits& limits,
                    ipclab::exec::ProcessResult& result);

}  // namespace grader
