#pragma once
// Scheduling a batch: students' shared phases run in parallel, up to `jobs`
// at a time; an exclusive phase runs only when nothing else does. Exclusive
// phases are held until `jobs` of them wait or no shared phase is left, then
// run back to back, so the pool is drained rarely.

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/schedule/test_schedule.hpp"
#include "model/grade_report.hpp"

namespace grader {

/// Thrown by a PhaseRunner that stopped because the batch is stopping: the
/// student is neither graded nor given an error row.
class GradingInterrupted : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Grades one phase of one student: the seam between scheduling and processes.
class PhaseRunner {
 public:
  virtual ~PhaseRunner() = default;
  /// Called from worker threads, several at once. Throws GraderError when the
  /// grader could not grade (the student gets an error row) and
  /// GradingInterrupted when told to stop.
  virtual GradeReport run(const std::string& student, const GradingPhase& phase) = 0;
};

struct ScheduledStudent {
  std::string student;
  std::vector<GradingPhase> phases;
};

struct FinishedStudent {
  std::string student;
  std::vector<GradeReport> parts;  ///< one per phase, when graded
  std::string error;               ///< why not
};

/// Called on the scheduling thread (never concurrently).
struct ScheduleEvents {
  std::function<void(const std::string& student, bool exclusive)> started;
  std::function<void(FinishedStudent)> finished;
  std::function<void()> tick;  ///< a few times a second, for progress
};

/// Grades every phase of `students` with up to `jobs` (>= 1) phases at a
/// time. Once `stop` is set nothing more starts; returns when every started
/// phase has ended. Students cut short by `stop` are not reported finished.
void run_schedule(const std::vector<ScheduledStudent>& students, int jobs, PhaseRunner& runner,
                  const std::atomic<bool>& stop, const ScheduleEvents& events);

}  // namespace grader
