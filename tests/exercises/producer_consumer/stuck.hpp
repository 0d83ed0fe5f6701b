#pragma once
// Explaining a hang of queue code: for every process of the test's drivers,
// what it waits on (a child, room or an item in a queue, a queue's lock), and
// the deadlock this adds up to when it is one of the known ones:
//  - "join before drain": the parent waits for a producer that waits for room
//    in a full queue nobody empties;
//  - a missing sentinel: a consumer waits for an item nobody will ever put.

#include <string>

namespace pc_harness {

/// A multi-line explanation of what the processes of every running driver
/// are doing, ending with the deadlock they are in, when it is a known one.
std::string explain_stuck_processes();

}  // namespace pc_harness
