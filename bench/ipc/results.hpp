#pragma once
// What a bench-ipc run measured, the goals read from it, and how it is shown.

#include <iosfwd>
#include <string>
#include <vector>

#include "benchmark.hpp"

namespace ipclab::bench {

/// Every round's figure of one benchmark in one placement.
struct Series {
  const Benchmark* benchmark;
  Placement placement;
  std::vector<double> values;
};

/// A goal: `subject` within `factor` of `baseline`, compared round by round.
struct Goal {
  std::string name;
  std::string subject_id;
  std::string baseline_id;
  double factor;  ///< 1.5: at most 1.5x slower
};

struct GoalResult {
  const Goal* goal;
  Placement placement;
  std::vector<double> slowdowns;  ///< per round: how many times slower (1 = as fast)
  double median_slowdown() const;
  bool met() const;
};

const std::vector<Goal>& goals();

std::vector<GoalResult> evaluate(const std::vector<Series>& series);

void print_tables(const std::vector<Series>& series, const std::vector<GoalResult>& goals,
                  std::ostream& out);

void write_json(const std::vector<Series>& series, const std::vector<GoalResult>& goals,
                const Workload& load, int rounds, std::ostream& out);

}  // namespace ipclab::bench
