#pragma once
// Explaining a hang: a verdict the student can act on (deadlock, busy-wait,
// a pipe whose write end is still open, a full queue nobody empties, a lost
// wake-up), then what every process of the test was doing, with the frames of
// the exercise's code it was in when a backtrace tool is installed.

#include <string>
#include <vector>

#include "harness/hang_scene.hpp"

namespace ipclab::harness {

/// A multi-line explanation: a verdict, then one paragraph per process of the
/// trees. Takes about a second (CPU use is sampled) plus the backtraces.
std::string diagnose_hang(const std::vector<LabelledRoot>& roots);

}  // namespace ipclab::harness
