#pragma once
// Explaining a hang: a verdict the student can act on (busy-wait, a process
// that died and how, a lost wake-up, a full queue nobody empties, a missing
// sentinel, a pipe whose write end is still open, a timed wait that overran,
// deadlock), derived from the evidence it shows (see docs/hostile.md), then
// what every process of the test was doing, with the innermost frame of the
// student's code when a backtrace tool is installed.

#include <string>
#include <vector>

#include "harness/hang_scene.hpp"

namespace ipclab::harness {

/// A multi-line explanation: a verdict, then one paragraph per process of the
/// trees. Takes about a second (CPU use is sampled) plus the backtraces.
std::string diagnose_hang(const std::vector<LabelledRoot>& roots);

}  // namespace ipclab::harness
