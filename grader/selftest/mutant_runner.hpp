#pragma once
// Grading mutants under the batch scheduler: each mutant is a "student" whose
// files are the model answer with its edit. A mutant is written into one of
// `jobs` slot folders, reused from mutant to mutant, so each build recompiles
// one file. Its exclusive (timing) phase is skipped once the shared phase has
// killed it.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "batch/schedule/batch_scheduler.hpp"
#include "model/course.hpp"
#include "selftest/mutant.hpp"
#include "selftest/mutant_verdict.hpp"

namespace grader {

/// The scheduler's name for mutant `index`: "mutant-0007".
std::string mutant_student(std::size_t index);

/// The folders mutants are graded from: `count` of them under `dir`, each
/// holding one mutant at a time as a submission (<exercise>/<student file>).
class MutantSlots {
 public:
  MutantSlots(const Course& course, std::filesystem::path dir, int count,
              std::vector<Mutant> mutants);

  /// Waits for a free slot, writes `student`'s mutant into it (only the files
  /// that differ from what the slot holds) and returns it.
  std::filesystem::path acquire(const std::string& student);
  /// Frees the slot `student` holds.
  void release(const std::string& student);
  /// The slot `student` holds; throws GraderError when it holds none.
  std::filesystem::path dir_of(const std::string& student) const;

 private:
  void write(const std::filesystem::path& slot, const Mutant& mutant) const;

  const Course& course_;
  std::filesystem::path dir_;
  std::vector<Mutant> mutants_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<bool> busy_;
  std::map<std::string, int> held_;
};

/// A PhaseRunner for mutants: a slot around `inner` (which reads the slot
/// through MutantSlots::dir_of), and no exclusive phase for a mutant already killed.
class MutantPhaseRunner : public PhaseRunner {
 public:
  MutantPhaseRunner(MutantSlots& slots, PhaseRunner& inner) : slots_(slots), inner_(inner) {}
  GradeReport run(const std::string& student, const GradingPhase& phase) override;

 private:
  MutantSlots& slots_;
  PhaseRunner& inner_;
  std::mutex mutex_;
  std::set<std::string> decided_;
};

struct MutantResult {
  Mutant mutant;
  MutantOutcome outcome;
};

/// How many tests one phase of a mutant runs: a mutant is most often killed
/// by its first phase, and the rest then never run.
inline constexpr std::size_t kTestsPerMutantPhase = 4;

/// The phases that grade a mutant of `exercise_id` with every test: the
/// batch's phases (shared first, exclusive last), each shared one cut into
/// phases of `tests_per_phase` tests in course order.
std::vector<GradingPhase> mutant_phases(const Course& course, const std::string& exercise_id,
                                        std::size_t tests_per_phase);

/// "12/87 mutants graded: 10 killed, 1 survived, 1 stillborn".
using MutantProgress = std::function<void(const std::string& line)>;

/// Grades `mutants` (all of one exercise or several) with the hidden tests,
/// in the phases of mutant_phases, `jobs` at a time through `runner`. Returns them in the given
/// order; mutants cut short by `stop` are errors.
std::vector<MutantResult> grade_mutants(const Course& course, const std::vector<Mutant>& mutants,
                                        int jobs, PhaseRunner& runner,
                                        const std::atomic<bool>& stop,
                                        const MutantProgress& progress);

}  // namespace grader
