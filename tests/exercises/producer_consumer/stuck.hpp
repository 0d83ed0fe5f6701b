#pragma once
// Explaining a hang of queue code with the queues' own evidence: for every
// process blocked on a queue, what it waits for (an item, room, the lock) and
// what the queue holds meanwhile. The harness's verdict rules turn that into
// a diagnosis that cannot contradict it (see harness/hang_verdict.hpp):
//  - a lost wake-up: a get() waits while the queue holds items;
//  - a missing sentinel: a consumer waits on an empty queue, no producer left;
//  - "join before drain": a producer waits for room in a full queue nobody
//    empties, while the parent waits for it in waitpid().

#include <string>

#include "harness/hang_scene.hpp"

namespace pc_harness {

/// Adds to `scene` what each process blocked on a queue waits for, with the
/// queue's count and capacity. Registered for every look() of this harness.
void add_queue_evidence(ipclab::harness::Scene& scene);

/// A multi-line explanation of what the processes of every running driver
/// are doing: the verdict, then one entry per process.
std::string explain_stuck_processes();

}  // namespace pc_harness
