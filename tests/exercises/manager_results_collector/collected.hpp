#pragma once
// Checking what run_collector() returned (the driver's `collect` reply).

#include <string>

#include "harness/driver.hpp"

namespace mgr_harness {

/// Checks the reply of `collect WORKERS TASKS`: every task's square, the
/// "done" count, each worker's list of tasks, and every worker in `finished`.
void expect_collected(const ipclab::harness::Reply& reply, int workers, int tasks);

/// Checks that nothing run_collector() started is left: processes (workers,
/// server) and the manager's socket file.
void expect_collector_cleaned_up(const ipclab::harness::Driver& student);

}  // namespace mgr_harness
