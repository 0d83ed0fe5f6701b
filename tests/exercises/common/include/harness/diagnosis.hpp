#pragma once
// Explaining a hang: what every process of the test is doing, and for a
// process blocked reading a pipe or socket, which processes still hold the
// other end open (so end-of-file can never arrive).

#include <sys/types.h>

#include <string>
#include <vector>

namespace ipclab::harness {

/// A process tree to describe, with the words that name its root.
struct LabelledRoot {
  pid_t pid;
  std::string label;  ///< "your driver"
};

/// A multi-line explanation, one paragraph per process of the trees.
std::string diagnose_hang(const std::vector<LabelledRoot>& roots);

}  // namespace ipclab::harness
