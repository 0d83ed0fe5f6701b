#include "validate/course_validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace grader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

TEST(CiCourseValidation, ParsesAGtestListing) {
  std::string listing =
      "pipe.\n  wire_format\n  poll  # GetParam() = 3\n  DISABLED_slow\nOther.\n  x\n"
      "DISABLED_Suite.\n  y\n";
  EXPECT_THAT(parse_gtest_list(listing), ElementsAre("pipe.wire_format", "pipe.poll", "Other.x"));
}

Course course() {
  Course course;
  course.root = "/c";
  course.exercises = {
      ExerciseSpec{.id = "pipe",
                   .student_files = {"c.cpp"},
                   .tests = {TestSpec{.id = "wire", .where = {"assignments.yaml", 12, 9}},
                             TestSpec{.id = "poll", .where = {"assignments.yaml", 15, 9}}},
                   .where = {"assignments.yaml", 3, 5}}};
  return course;
}

TEST(CiCourseValidation, AConsistentCourseHasNoProblems) {
  auto exists = [](const fs::path&) { return true; };
  EXPECT_TRUE(
      consistency_problems(course(), {{"pipe", {"pipe.wire", "pipe.poll"}}}, exists).empty());
}

TEST(CiCourseValidation, NamesEveryMismatchOnOneLine) {
  auto exists = [](const fs::path& path) { return path != "/c/solutions/pipe/c.cpp"; };
  EXPECT_THAT(
      consistency_problems(course(), {{"pipe", {"pipe.wire", "pipe.extra", "Pipe.poll"}}}, exists),
      ElementsAre("assignments.yaml:15:9: test 'poll' has no harness test pipe.poll in "
                  "tests/exercises/pipe/ (add TEST(pipe, poll) or remove the entry)",
                  "tests/exercises/pipe/: harness test pipe.extra is not declared in "
                  "assignments.yaml (add it under exercise 'pipe' at assignments.yaml:3:5, or "
                  "remove it)",
                  "tests/exercises/pipe/: harness test Pipe.poll is outside suite 'pipe', so the "
                  "grader never runs it (rename its suite to pipe)",
                  "assignments.yaml:3:5: student file 'c.cpp' of exercise 'pipe' has no model "
                  "answer (write solutions/pipe/c.cpp)"));
}

TEST(CiCourseValidation, AMissingReferenceIsNamed) {
  auto exists = [](const fs::path& path) {
    return path.string().find("reference") == std::string::npos;
  };
  EXPECT_THAT(consistency_problems(course(), {}, exists),
              ElementsAre("assignments.yaml:3:5: student file 'c.cpp' of exercise 'pipe' has no "
                          "reference implementation (write reference/pipe/c.cpp)"));
}

/// A table for exercise "pipe" whose clauses name `tests`, one clause each.
ContractSpec table(const std::vector<std::vector<std::string>>& tests) {
  ContractSpec contract{.exercise_id = "pipe", .header = "pipe.hpp", .where = {"p.yaml"}};
  int line = 3;
  for (const std::vector<std::string>& ids : tests) {
    ContractClause clause{
        .id = "c" + std::to_string(line), .text = "t", .where = {"p.yaml", line, 7}};
    for (const std::string& id : ids)
      clause.tests.push_back({id, {"p.yaml", line + 2, 13}});
    contract.clauses.push_back(clause);
    line += 3;
  }
  return contract;
}

TEST(CiCourseValidation, AContractWhoseClausesAllNameTestsHasNoProblems) {
  EXPECT_TRUE(contract_problems(course(), {table({{"wire"}, {"poll", "wire"}})}).empty());
}

TEST(CiCourseValidation, AClauseWithoutTestsOrWithAnUnknownTestIsNamed) {
  EXPECT_THAT(contract_problems(course(), {table({{}, {"wire", "pol"}, {"nothing"}})}),
              ElementsAre("p.yaml:3:7: clause 'c3' of exercise 'pipe' names no test (list the "
                          "tests that check it, or write one)",
                          "p.yaml:8:13: clause 'c6' names test 'pol', which exercise 'pipe' does "
                          "not have (did you mean 'poll'?)",
                          "p.yaml:11:13: clause 'c9' names test 'nothing', which exercise 'pipe' "
                          "does not have (tests: wire, poll)"));
}

TEST(CiCourseValidation, OnceTablesAreKeptEveryExerciseNeedsOne) {
  Course two = course();
  two.exercises.push_back(ExerciseSpec{.id = "queue", .where = {"assignments.yaml", 20, 5}});
  EXPECT_THAT(contract_problems(two, {table({{"wire"}})}),
              ElementsAre("assignments.yaml:20:5: exercise 'queue' has no contract table (write "
                          "tests/contracts/queue.yaml: every behaviour and error its header "
                          "documents, with the tests that check it)"));
  EXPECT_TRUE(contract_problems(two, {}).empty()) << "a course without tables (a release)";
}

}  // namespace
}  // namespace grader
