#include "validate/course_validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "config/suggest.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::string at(const SourceLocation& where) {
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void check_declared_tests(const ExerciseSpec& exercise, const HarnessListing& harness,
                          std::vector<std::string>& problems) {
  for (const TestSpec& test : exercise.tests) {
    std::string name = exercise.id + "." + test.id;
    if (contains(harness.tests, name)) continue;
    problems.push_back(fmt::format(
        "{}: test '{}' has no harness test {} in tests/exercises/{}/ (add TEST({}, {}) or "
        "remove the entry)",
        at(test.where), test.id, name, exercise.id, exercise.id, test.id));
  }
}

void check_harness_tests(const ExerciseSpec& exercise, const HarnessListing& harness,
                         std::vector<std::string>& problems) {
  for (const std::string& name : harness.tests) {
    std::string suite = name.substr(0, name.find('.'));
    std::string id = name.substr(name.find('.') + 1);
    if (suite != exercise.id) {
      problems.push_back(fmt::format(
          "tests/exercises/{}/: harness test {} is outside suite '{}', so the grader never runs "
          "it (rename its suite to {})",
          exercise.id, name, exercise.id, exercise.id));
      continue;
    }
    bool declared = std::any_of(exercise.tests.begin(), exercise.tests.end(),
                                [&](const TestSpec& test) { return test.id == id; });
    if (declared) continue;
    problems.push_back(fmt::format(
        "tests/exercises/{}/: harness test {} is not declared in assignments.yaml (add it under "
        "exercise '{}' at {}, or remove it)",
        exercise.id, name, exercise.id, at(exercise.where)));
  }
}

void check_student_files(const Course& course, const ExerciseSpec& exercise,
                         const FileExists& exists, std::vector<std::string>& problems) {
  for (const std::string& file : exercise.student_files) {
    for (const char* folder : {"solutions", "reference"}) {
      fs::path path = fs::path(folder) / exercise.id / file;
      if (exists(course.root / path)) continue;
      problems.push_back(fmt::format(
          "{}: student file '{}' of exercise '{}' has no {} (write {})", at(exercise.where), file,
          exercise.id,
          std::string(folder) == "solutions" ? "model answer" : "reference implementation",
          path.string()));
    }
  }
}

void check_clause(const ExerciseSpec& exercise, const ContractClause& clause,
                  std::vector<std::string>& problems) {
  if (clause.tests.empty()) {
    problems.push_back(fmt::format(
        "{}: clause '{}' of exercise '{}' names no test (list the tests that check it, or write "
        "one)",
        at(clause.where), clause.id, exercise.id));
  }
  std::vector<std::string> known;
  for (const TestSpec& test : exercise.tests)
    known.push_back(test.id);
  for (const ContractTest& test : clause.tests) {
    if (contains(known, test.id)) continue;
    problems.push_back(fmt::format(
        "{}: clause '{}' names test '{}', which exercise '{}' does not "
        "have{}",
        at(test.where), clause.id, test.id, exercise.id, alternatives(test.id, known, "tests")));
  }
}

void check_tables_exist(const Course& course, const std::vector<ContractSpec>& contracts,
                        std::vector<std::string>& problems) {
  for (const ExerciseSpec& exercise : course.exercises) {
    bool found = std::any_of(contracts.begin(), contracts.end(),
                             [&](const ContractSpec& c) { return c.exercise_id == exercise.id; });
    if (found) continue;
    problems.push_back(fmt::format(
        "{}: exercise '{}' has no contract table (write tests/contracts/{}.yaml: every behaviour "
        "and error its header documents, with the tests that check it)",
        at(exercise.where), exercise.id, exercise.id));
  }
}

}  // namespace

std::vector<std::string> parse_gtest_list(const std::string& listing) {
  std::vector<std::string> tests;
  std::istringstream in(listing);
  std::string suite;
  for (std::string line; std::getline(in, line);) {
    std::string name = line.substr(0, line.find('#'));
    name.erase(name.find_last_not_of(" \t\r") + 1);
    if (name.empty()) continue;
    if (line[0] != ' ') {
      suite = name.substr(0, name.size() - 1);  // "Suite." -> "Suite"
      continue;
    }
    name.erase(0, name.find_first_not_of(' '));
    if (name.starts_with("DISABLED_") || suite.starts_with("DISABLED_")) continue;
    tests.push_back(suite + "." + name);
  }
  return tests;
}

std::vector<std::string> consistency_problems(const Course& course,
                                              const std::vector<HarnessListing>& harnesses,
                                              const FileExists& exists) {
  std::vector<std::string> problems;
  for (const HarnessListing& harness : harnesses) {
    const ExerciseSpec* exercise = course.find(harness.exercise_id);
    if (exercise == nullptr) continue;
    check_declared_tests(*exercise, harness, problems);
    check_harness_tests(*exercise, harness, problems);
  }
  for (const ExerciseSpec& exercise : course.exercises) {
    check_student_files(course, exercise, exists, problems);
  }
  return problems;
}

std::vector<std::string> contract_problems(const Course& course,
                                           const std::vector<ContractSpec>& contracts) {
  std::vector<std::string> problems;
  if (contracts.empty()) return problems;
  for (const ContractSpec& contract : contracts) {
    const ExerciseSpec* exercise = course.find(contract.exercise_id);
    if (exercise == nullptr) continue;  // the loader refuses such a file
    for (const ContractClause& clause : contract.clauses)
      check_clause(*exercise, clause, problems);
  }
  check_tables_exist(course, contracts, problems);
  return problems;
}

}  // namespace grader
