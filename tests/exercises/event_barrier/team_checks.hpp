#pragma once
// Checks shared by the visible and hidden team tests.

#include <string>

#include "lab.hpp"

namespace eb_harness {

/// Runs run_team(workers, phases) in a fresh student driver and checks what
/// it returned, its journal, and that it left no process and no segment behind.
void expect_team(int workers, int phases);

/// A team whose members are separate drivers on one Team in a lab segment:
/// the coordinator (start()) is built as `coordinator`, worker i as
/// `workers[i]`. Checks the journal.
void expect_mixed_team(Build coordinator, const std::vector<Build>& workers, int phases);

}  // namespace eb_harness
