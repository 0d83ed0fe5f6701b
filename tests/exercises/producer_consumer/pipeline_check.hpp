#pragma once
// Running run_pipeline() in a student driver and checking what it reports.

#include <string>

#include "capacity_watch.hpp"
#include "fixture.hpp"

namespace pc_harness {

/// The arguments of run_pipeline().
struct PipelineShape {
  int producers = 1;
  int consumers = 1;
  long long per_producer = 0;
  int maxsize = 1;

  /// "run_pipeline(2, 3, 200, 4)"
  std::string call() const;
};

struct PipelineRun {
  PipelineShape shape;
  Reply reply;
  std::string printed;  ///< what the driver printed, for messages
};

/// Runs run_pipeline(shape) in `driver`. If it does not return within 6 s,
/// ends the test (timed_out) with what each process waits on and the deadlock
/// that adds up to.
PipelineRun run_pipeline(Driver& driver, const PipelineShape& shape);

/// Checks that the run returned (else ends the test), that its total is the sum of every item
/// produced, and that it reported one sum per consumer adding up to the total.
void expect_pipeline_result(const PipelineRun& run);

/// Checks (after watch.stop()) that every queue the watch saw during `calls`
/// was empty at the end: each consumer takes exactly one None, so a None more
/// than one per consumer is left behind in the work queue.
void expect_nothing_left(const CapacityWatch& watch, const std::string& calls);

}  // namespace pc_harness
