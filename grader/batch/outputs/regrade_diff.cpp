#include "batch/outputs/regrade_diff.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace grader {
namespace {

struct TestState {
  std::string outcome;
  double score = 0;
};

/// "exercise/test" -> outcome and score.
std::map<std::string, TestState> tests_of(const StudentGrade& grade) {
  std::map<std::string, TestState> tests;
  if (!grade.report) return tests;
  for (const ExerciseGrade& exercise : grade.report->exercises) {
    for (const TestGrade& test : exercise.tests) {
      tests[exercise.id + "/" + test.id] = {to_string(test.outcome), test.score};
    }
  }
  return tests;
}

std::string total(const StudentGrade& grade) {
  return grade.report ? fmt::format("{:g}", grade.report->score) : "error";
}

std::string test_line(const std::string& name, const TestState& before, const TestState& after) {
  std::string line = fmt::format("  {}: {} → {}", name, before.outcome, after.outcome);
  if (before.score != after.score) line += fmt::format(" ({:g} → {:g})", before.score, after.score);
  return line;
}

}  // namespace

RegradeDiff diff_regrade(const StudentGrade& before, const StudentGrade& after) {
  const bool same_files = !before.files_digest.empty() && before.files_digest == after.files_digest;
  RegradeDiff diff;
  std::map<std::string, TestState> old_tests = tests_of(before);
  std::map<std::string, TestState> new_tests = tests_of(after);
  std::vector<std::string> changes;
  for (const auto& [name, now] : new_tests) {
    auto old = old_tests.find(name);
    TestState was = old == old_tests.end() ? TestState{"absent", 0} : old->second;
    if (was.outcome == now.outcome && was.score == now.score) continue;
    std::string line = test_line(name, was, now);
    if (same_files && old != old_tests.end()) {
      line += "  [nondeterministic: same files]";
      std::size_t slash = name.find('/');
      diff.unstable.push_back(
          {after.student, name.substr(0, slash), name.substr(slash + 1), was.outcome, now.outcome});
    }
    changes.push_back(std::move(line));
  }
  std::string note = same_files                   ? "same files"
                     : after.files_digest.empty() ? "not graded"
                                                  : "files changed";
  if (before.error != after.error && !after.error.empty()) note += ": " + after.error;
  diff.lines.push_back(
      fmt::format("{}: {} → {} ({})", after.student, total(before), total(after), note));
  diff.lines.insert(diff.lines.end(), changes.begin(), changes.end());
  return diff;
}

}  // namespace grader
