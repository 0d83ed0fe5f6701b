#include "selftest/mistake_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "batch/schedule/batch_scheduler.hpp"
#include "model/grader_error.hpp"
#include "selftest/mistake_writer.hpp"
#include "selftest/slot_files.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

/// The schedule's seam: each phase in a slot, holding it while it runs.
class SlotPhaseRunner : public PhaseRunner {
 public:
  SlotPhaseRunner(const std::vector<MistakeSpec>& mistakes, const std::vector<SourceFiles>& sources,
                  MistakeSlots& slots, const GradeMistakePhase& grade)
      : mistakes_(mistakes), sources_(sources), slots_(slots), grade_(grade) {}

  GradeReport run(const std::string& student, const GradingPhase& phase) override {
    const std::size_t index = std::stoul(student);
    const MistakeSpec& mistake = mistakes_.at(index);
    struct Held {
      MistakeSlots& slots;
      fs::path slot;
      ~Held() { slots.release(slot); }
    } held{slots_, slots_.acquire(mistake.exercise_id, sources_.at(index))};
    return grade_(mistake, phase, held.slot);
  }

 private:
  const std::vector<MistakeSpec>& mistakes_;
  const std::vector<SourceFiles>& sources_;
  MistakeSlots& slots_;
  const GradeMistakePhase& grade_;
};

std::vector<ScheduledStudent> schedule_of(const Course& course,
                                          const std::vector<MistakeSpec>& mistakes) {
  std::vector<ScheduledStudent> students;
  for (std::size_t i = 0; i < mistakes.size(); ++i) {
    const Selection selection{{mistakes[i].exercise_id}, mistakes[i].fails, true};
    students.push_back({std::to_string(i), plan_phases(course, selection)});
  }
  return students;
}

}  // namespace

MistakeSlots::MistakeSlots(fs::path dir, int count)
    : dir_(std::move(dir)), busy_(static_cast<std::size_t>(std::max(1, count)), false) {}

fs::path MistakeSlots::acquire(const std::string& exercise_id, const SourceFiles& files) {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return std::find(busy_.begin(), busy_.end(), false) != busy_.end(); });
  const auto free = std::find(busy_.begin(), busy_.end(), false);
  *free = true;
  const fs::path slot = dir_ / fmt::format("slot-{}", free - busy_.begin());
  lock.unlock();
  try {
    write_changed_files(submission_of(slot) / exercise_id, files);
  } catch (const std::exception& e) {
    release(slot);
    throw GraderError(e.what());
  }
  return slot;
}

void MistakeSlots::release(const fs::path& slot) {
  const std::string name = slot.filename().string();  // slot-<k>
  const auto index = static_cast<std::size_t>(std::stoul(name.substr(name.find('-') + 1)));
  std::lock_guard lock(mutex_);
  busy_.at(index) = false;
  freed_.notify_one();
}

fs::path MistakeSlots::submission_of(const fs::path& slot) {
  return slot / "submission";
}

std::vector<GradeReport> grade_mistakes(const Course& course,
                                        const std::vector<MistakeSpec>& mistakes, int jobs,
                                        MistakeSlots& slots, const GradeMistakePhase& grade,
                                        const MistakeStarted& started) {
  std::vector<SourceFiles> sources;  // here, so that a broken edit throws before any grading
  for (const MistakeSpec& mistake : mistakes)
    sources.push_back(mistake_sources(course, mistake));
  std::vector<GradeReport> reports(mistakes.size());
  std::atomic<bool> stop{false};
  std::string error;
  ScheduleEvents events;
  events.started = [&](const std::string& student, bool exclusive) {
    if (started) started(mistakes.at(std::stoul(student)), exclusive);
  };
  events.finished = [&](FinishedStudent finished) {
    if (!finished.error.empty()) {
      if (error.empty()) error = finished.error;
      stop = true;  // as one mistake after another: the first grader error ends the selftest
      return;
    }
    reports.at(std::stoul(finished.student)) = merge_phase_reports(course, finished.parts);
  };
  SlotPhaseRunner runner(mistakes, sources, slots, grade);
  run_schedule(schedule_of(course, mistakes), jobs, runner, stop, events);
  if (!error.empty()) throw GraderError(error);
  return reports;
}

}  // namespace grader
