#include "selftest/repeat_check.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "i18n/messages.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;

const ExerciseGrade* exercise_in(const GradeReport& run, const std::string& id) {
  auto it = std::find_if(run.exercises.begin(), run.exercises.end(),
                         [&](const ExerciseGrade& e) { return e.id == id; });
  return it == run.exercises.end() ? nullptr : &*it;
}

/// The outcome of `test_id` of `exercise_id` in `run`, or "missing".
std::string outcome_in(const GradeReport& run, const std::string& exercise_id,
                       const std::string& test_id) {
  const ExerciseGrade* exercise = exercise_in(run, exercise_id);
  if (exercise == nullptr) return "missing";
  for (const TestGrade& test : exercise->tests) {
    if (test.id == test_id) return to_string(test.outcome);
  }
  return "missing";
}

std::string score_in(const GradeReport& run, const std::string& exercise_id) {
  const ExerciseGrade* exercise = exercise_in(run, exercise_id);
  return exercise == nullptr ? "missing" : fmt::format("{:g}", exercise->score);
}

/// The check of one exercise of runs.front() against every run.
SelftestCheck compare_exercise(const std::vector<GradeReport>& runs, const ExerciseGrade& first) {
  SelftestCheck check{tr_later("repeated runs"), first.id, true, ""};
  std::vector<std::string> scores;
  for (const GradeReport& run : runs)
    scores.push_back(score_in(run, first.id));
  check.detail = "  " + fmt::format(fmt::runtime(tr("scores: {}")), fmt::join(scores, ", ")) + "\n";
  for (const TestGrade& test : first.tests) {
    std::vector<std::string> outcomes;
    for (const GradeReport& run : runs)
      outcomes.push_back(outcome_in(run, first.id, test.id));
    if (std::all_of(outcomes.begin(), outcomes.end(),
                    [&](const std::string& o) { return o == outcomes.front(); }))
      continue;
    check.ok = false;
    check.detail += "  " +
                    fmt::format(fmt::runtime(tr("{}: {} -- not the same in every run")), test.id,
                                fmt::join(outcomes, ", ")) +
                    "\n";
  }
  return check;
}

}  // namespace

std::vector<SelftestCheck> compare_runs(const std::vector<GradeReport>& runs) {
  std::vector<SelftestCheck> checks;
  if (runs.empty()) return checks;
  for (const ExerciseGrade& exercise : runs.front().exercises)
    checks.push_back(compare_exercise(runs, exercise));
  return checks;
}

SelftestReport check_repeated(int runs, const GradeOnce& grade_once) {
  std::vector<GradeReport> reports;
  for (int run = 1; run <= runs; ++run)
    reports.push_back(grade_once(run));
  return {compare_runs(reports)};
}

}  // namespace grader
