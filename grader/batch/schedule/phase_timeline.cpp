#include "batch/schedule/phase_timeline.hpp"

#include <sys/resource.h>

#include <nlohmann/json.hpp>

namespace grader {
namespace {

double seconds_of(const timeval& value) {
  return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) / 1e6;
}

}  // namespace

double reaped_children_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  return seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
}

TimedPhaseRunner::TimedPhaseRunner(PhaseRunner& inner, Clock clock, CpuClock cpu)
    : inner_(inner), clock_(std::move(clock)), cpu_(std::move(cpu)), origin_(clock_()) {}

GradeReport TimedPhaseRunner::run(const std::string& student, const GradingPhase& phase) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  PhaseSpan span{student, phase.exclusive, duration_cast<microseconds>(clock_() - origin_), {}, {}};
  const double cpu_before = cpu_();
  auto note = [&] {
    span.end = duration_cast<microseconds>(clock_() - origin_);
    if (phase.exclusive) span.cpu_s = cpu_() - cpu_before;
    std::lock_guard lock(mutex_);
    spans_.push_back(span);
  };
  try {
    GradeReport report = inner_.run(student, phase);
    note();
    return report;
  } catch (...) {
    note();
    throw;
  }
}

std::vector<PhaseSpan> TimedPhaseRunner::spans() const {
  std::lock_guard lock(mutex_);
  return spans_;
}

void write_phase_timeline(const std::vector<PhaseSpan>& spans, int jobs, std::ostream& out) {
  nlohmann::json phases = nlohmann::json::array();
  for (const PhaseSpan& span : spans) {
    nlohmann::json phase = {{"student", span.student},
                            {"exclusive", span.exclusive},
                            {"start_us", span.start.count()},
                            {"end_us", span.end.count()}};
    if (span.cpu_s) phase["cpu_s"] = *span.cpu_s;
    phases.push_back(std::move(phase));
  }
  out << nlohmann::json{{"schema", "ipclab.batch-timeline/1"}, {"jobs", jobs}, {"phases", phases}}
             .dump(2)
      << "\n";
}

}  // namespace grader
