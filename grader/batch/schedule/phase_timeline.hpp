#pragma once
// When each phase of a batch ran, as `grader batch --timeline FILE` writes it
// (ipclab.batch-timeline/1): for the benchmark that asks how busy the cores
// were, and which phases kept them idle.
//
// TimedPhaseRunner wraps the runner the scheduler calls and notes each
// phase's start and end. An exclusive phase runs with nothing else running,
// so the CPU its child used is what the grader's reaped children gained
// meanwhile (getrusage(RUSAGE_CHILDREN)); for a shared phase that figure
// would mix the students running beside it, so it is not kept.

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "batch/schedule/batch_scheduler.hpp"

namespace grader {

struct PhaseSpan {
  std::string student;
  bool exclusive = false;
  std::chrono::microseconds start{0};  ///< since the runner was made
  std::chrono::microseconds end{0};
  std::optional<double> cpu_s;  ///< exclusive phases only: user + system CPU of its child
};

/// CPU seconds (user + system) of every reaped descendant of this process.
double reaped_children_cpu_seconds();

class TimedPhaseRunner : public PhaseRunner {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using CpuClock = std::function<double()>;

  explicit TimedPhaseRunner(PhaseRunner& inner, Clock clock = std::chrono::steady_clock::now,
                            CpuClock cpu = reaped_children_cpu_seconds);

  /// Runs `phase` with the inner runner and notes when, even when it throws.
  GradeReport run(const std::string& student, const GradingPhase& phase) override;

  /// The phases that ended, in the order they ended.
  std::vector<PhaseSpan> spans() const;

 private:
  PhaseRunner& inner_;
  Clock clock_;
  CpuClock cpu_;
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mutex_;
  std::vector<PhaseSpan> spans_;
};

/// `spans` as JSON on `out`, with the `jobs` the batch ran with.
void write_phase_timeline(const std::vector<PhaseSpan>& spans, int jobs, std::ostream& out);

}  // namespace grader
