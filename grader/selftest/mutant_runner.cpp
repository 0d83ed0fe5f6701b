#include "selftest/mutant_runner.hpp"

#include <fmt/format.h>

#include "config/edit_reader.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "selftest/slot_files.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::size_t index_of(const std::string& student) {
  return static_cast<std::size_t>(std::stoul(student.substr(student.find('-') + 1)));
}

struct Tally {
  std::size_t graded = 0;
  std::map<MutantVerdict, std::size_t> verdicts;

  std::string line(std::size_t total) const {
    auto count = [&](MutantVerdict v) { return verdicts.contains(v) ? verdicts.at(v) : 0; };
    return fmt::format("{}/{} mutants graded: {} killed, {} survived, {} stillborn", graded, total,
                       count(MutantVerdict::killed), count(MutantVerdict::survived),
                       count(MutantVerdict::stillborn));
  }
};

}  // namespace

std::vector<GradingPhase> mutant_phases(const Course& course, const std::string& exercise_id,
                                        std::size_t tests_per_phase) {
  std::vector<GradingPhase> phases;
  for (GradingPhase& phase : plan_phases(course, {{exercise_id}, {}, true})) {
    if (phase.selection.test_patterns.empty()) {  // all of them: name them, to cut them
      for (const TestSpec& test : course.find(exercise_id)->tests)
        phase.selection.test_patterns.push_back(test.id);
    }
    const std::vector<std::string>& tests = phase.selection.test_patterns;
    if (phase.exclusive || tests.size() <= tests_per_phase) {
      phases.push_back(std::move(phase));
      continue;
    }
    for (std::size_t at = 0; at < tests.size(); at += tests_per_phase) {
      GradingPhase part = phase;
      auto end =
          tests.begin() + static_cast<std::ptrdiff_t>(std::min(tests.size(), at + tests_per_phase));
      part.selection.test_patterns.assign(tests.begin() + static_cast<std::ptrdiff_t>(at), end);
      phases.push_back(std::move(part));
    }
  }
  return phases;
}

std::string mutant_student(std::size_t index) {
  return fmt::format("mutant-{:04}", index);
}

MutantSlots::MutantSlots(const Course& course, fs::path dir, int count, std::vector<Mutant> mutants)
    : course_(course),
      dir_(std::move(dir)),
      mutants_(std::move(mutants)),
      busy_(static_cast<std::size_t>(std::max(1, count)), false) {}

fs::path MutantSlots::acquire(const std::string& student) {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return std::find(busy_.begin(), busy_.end(), false) != busy_.end(); });
  const int slot = static_cast<int>(std::find(busy_.begin(), busy_.end(), false) - busy_.begin());
  busy_[static_cast<std::size_t>(slot)] = true;
  held_[student] = slot;
  lock.unlock();
  const fs::path dir = dir_ / fmt::format("slot-{}", slot);
  write(dir, mutants_.at(index_of(student)));
  return dir;
}

void MutantSlots::release(const std::string& student) {
  std::lock_guard lock(mutex_);
  auto held = held_.find(student);
  if (held == held_.end()) return;
  busy_[static_cast<std::size_t>(held->second)] = false;
  held_.erase(held);
  freed_.notify_one();
}

fs::path MutantSlots::dir_of(const std::string& student) const {
  std::lock_guard lock(mutex_);
  auto held = held_.find(student);
  if (held == held_.end()) {
    throw GraderError(
        fmt::format(fmt::runtime(ipclab::i18n::tr("{} holds no mutant slot")), student));
  }
  return dir_ / fmt::format("slot-{}", held->second);
}

void MutantSlots::write(const fs::path& slot, const Mutant& mutant) const {
  const ExerciseSpec* exercise = course_.find(mutant.exercise_id);
  const fs::path model = course_.root / "solutions" / mutant.exercise_id;
  const SourceFiles files =
      apply_edits(read_source_files(model, exercise->student_files), {mutant.edit});
  // The build recompiles only the mutated file.
  write_changed_files(slot / mutant.exercise_id, files);
}

GradeReport MutantPhaseRunner::run(const std::string& student, const GradingPhase& phase) {
  {
    std::lock_guard lock(mutex_);
    if (decided_.contains(student)) return {};  // already killed or stillborn
  }
  slots_.acquire(student);
  struct Release {
    MutantSlots& slots;
    const std::string& student;
    ~Release() { slots.release(student); }
  } release{slots_, student};
  GradeReport report = inner_.run(student, phase);
  if (decided(report)) {
    std::lock_guard lock(mutex_);
    decided_.insert(student);
  }
  return report;
}

std::vector<MutantResult> grade_mutants(const Course& course, const std::vector<Mutant>& mutants,
                                        int jobs, PhaseRunner& runner,
                                        const std::atomic<bool>& stop,
                                        const MutantProgress& progress) {
  std::vector<ScheduledStudent> students;
  std::vector<MutantResult> results;
  for (std::size_t i = 0; i < mutants.size(); ++i) {
    students.push_back(
        {mutant_student(i), mutant_phases(course, mutants[i].exercise_id, kTestsPerMutantPhase)});
    results.push_back({mutants[i], {MutantVerdict::error, "not graded (interrupted)"}});
  }
  Tally tally;
  ScheduleEvents events;
  events.finished = [&](FinishedStudent finished) {
    MutantOutcome outcome = judge_mutant(finished.parts, finished.error);
    results[index_of(finished.student)].outcome = outcome;
    ++tally.graded;
    ++tally.verdicts[outcome.verdict];
  };
  events.tick = [&] {
    if (progress) progress(tally.line(mutants.size()));
  };
  run_schedule(students, jobs, runner, stop, events);
  if (progress) progress(tally.line(mutants.size()));
  return results;
}

}  // namespace grader
