#include "batch/schedule/batch_scheduler.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace grader {
namespace {

/// A phase that ended, as a worker thread reports it.
struct Ended {
  std::size_t student;
  std::optional<GradeReport> report;
  std::string error;
  bool interrupted = false;
};

class Scheduler {
 public:
  Scheduler(const std::vector<ScheduledStudent>& students, int jobs, PhaseRunner& runner,
            const std::atomic<bool>& stop, const ScheduleEvents& events)
      : students_(students),
        jobs_(std::max(jobs, 1)),
        runner_(runner),
        stop_(stop),
        events_(events),
        parts_(students.size()) {}

  void run() {
    for (std::size_t i = 0; i < students_.size(); ++i)
      enqueue(i);
    while (!finished()) {
      if (!stopping()) launch_what_fits();
      if (finished()) break;
      wait_for_ends();
      if (events_.tick) events_.tick();
    }
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  bool stopping() const { return stop_ || failure_ != nullptr; }

  bool finished() const {
    return running_ == 0 && (stopping() || (shared_.empty() && exclusive_.empty()));
  }

  /// Tells `finished` about a student. What it throws (the results cannot
  /// be written) ends the batch, once the phases already running are done.
  void report(FinishedStudent student) {
    if (!events_.finished || failure_) return;
    try {
      events_.finished(std::move(student));
    } catch (...) {
      failure_ = std::current_exception();
    }
  }

  const GradingPhase& next_phase(std::size_t student) const {
    return students_[student].phases[parts_[student].size()];
  }

  void enqueue(std::size_t student) {
    (next_phase(student).exclusive ? exclusive_ : shared_).push_back(student);
  }

  void launch_what_fits() {
    auto pending = static_cast<std::size_t>(jobs_);
    if (!exclusive_.empty() && (shared_.empty() || exclusive_.size() >= pending)) draining_ = true;
    if (draining_ && exclusive_.empty()) draining_ = false;
    if (draining_) {
      if (running_ == 0) launch(exclusive_);
      return;
    }
    while (running_ < jobs_ && !shared_.empty())
      launch(shared_);
  }

  void launch(std::deque<std::size_t>& queue) {
    std::size_t student = queue.front();
    queue.pop_front();
    const GradingPhase& phase = next_phase(student);
    ++running_;
    if (events_.started) events_.started(students_[student].student, phase.exclusive);
    threads_.emplace(student, std::thread([this, student, &phase] { work(student, phase); }));
  }

  void work(std::size_t student, const GradingPhase& phase) {
    Ended ended{student, std::nullopt, "", false};
    try {
      ended.report = runner_.run(students_[student].student, phase);
    } catch (const GradingInterrupted&) {
      ended.interrupted = true;
    } catch (const std::exception& e) {
      ended.error = e.what();
    }
    std::lock_guard lock(mutex_);
    ended_.push_back(std::move(ended));
    wake_.notify_one();
  }

  void wait_for_ends() {
    std::deque<Ended> ended;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return !ended_.empty(); });
      ended.swap(ended_);
    }
    for (Ended& one : ended)
      settle(std::move(one));
  }

  void settle(Ended ended) {
    threads_.at(ended.student).join();
    threads_.erase(ended.student);
    --running_;
    // A phase that failed while stopping may have failed because of it.
    if (ended.interrupted || (stop_ && !ended.report)) return;
    const ScheduledStudent& student = students_[ended.student];
    std::vector<GradeReport>& parts = parts_[ended.student];
    if (!ended.report) {
      report({student.student, {}, ended.error});
      return;
    }
    parts.push_back(std::move(*ended.report));
    if (parts.size() < student.phases.size()) {
      enqueue(ended.student);
      return;
    }
    report({student.student, std::move(parts), ""});
  }

  const std::vector<ScheduledStudent>& students_;
  const int jobs_;
  PhaseRunner& runner_;
  const std::atomic<bool>& stop_;
  const ScheduleEvents& events_;
  std::vector<std::vector<GradeReport>> parts_;
  std::deque<std::size_t> shared_;
  std::deque<std::size_t> exclusive_;
  bool draining_ = false;
  int running_ = 0;
  std::map<std::size_t, std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Ended> ended_;
  std::exception_ptr failure_;
};

}  // namespace

void run_schedule(const std::vector<ScheduledStudent>& students, int jobs, PhaseRunner& runner,
                  const std::atomic<bool>& stop, const ScheduleEvents& events) {
  Scheduler(students, jobs, runner, stop, events).run();
}

}  // namespace grader
