#pragma once
// A benchmark of bench-ipc: one mechanism, one figure (latency or throughput),
// run once per call in a given placement.

#include <functional>
#include <string>
#include <vector>

#include "measure.hpp"

namespace ipclab::bench {

/// How much work one run does (scaled down by --quick).
struct Workload {
  int round_trips = 20000;     ///< timed round trips (after a tenth as many warm-up ones)
  int messages = 200000;       ///< one-way messages for throughput
  int increments = 200000;     ///< per process, for counters
  int episodes = 20000;        ///< barrier episodes
  int pickle_bytes = 1 << 20;  ///< the size of the value pickled
};

enum class Metric {
  round_trip_us,   ///< µs per round trip (lower is better)
  messages_per_s,  ///< one-way messages per second (higher is better)
  operations_per_s,
  megabytes_per_s,
};

std::string unit_of(Metric metric);
bool higher_is_better(Metric metric);

struct Benchmark {
  std::string id;            ///< "pipe.raw.rtt"
  std::string mechanism;     ///< the table row: "pipe, framed (raw)"
  std::string implemented;   ///< "raw" or "reference <exercise>"
  std::string course_claim;  ///< the course's word for it ("fast"), or ""
  Metric metric;
  bool placed = true;  ///< false: one process, placement does not apply
  std::function<double(Placement, const Workload&)> run;
};

/// The raw mechanisms: pipe, socketpair, Boost message_queue, a shared-memory
/// ring, atomic and mutex counters.
std::vector<Benchmark> raw_benchmarks();

/// The reference implementations of the six exercises.
std::vector<Benchmark> reference_benchmarks();

}  // namespace ipclab::bench
