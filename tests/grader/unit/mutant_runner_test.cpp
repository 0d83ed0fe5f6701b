#include "selftest/mutant_runner.hpp"

#include <gtest/gtest.h>

#include "slot_course.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const char* const kAssignments = R"(course: Mutants
exercises:
  - id: ex
    title: Ex
    student_files: [a.cpp, b.cpp]
    tests:
      - { id: quick, points: 1 }
      - { id: timing, points: 1, exclusive: true }
  - id: many
    title: Many
    student_files: [m.cpp]
    tests:
      - { id: t1, points: 1 }
      - { id: t2, points: 1 }
      - { id: t3, points: 1 }
      - { id: t4, points: 1, visibility: hidden }
      - { id: t5, points: 1 }
)";

/// Records what it was asked and what the slot held; fails `quick` for the
/// mutants named in `kill`.
class FakeChecks : public PhaseRunner {
 public:
  explicit FakeChecks(MutantSlots& slots) : slots_(slots) {}
  GradeReport run(const std::string& student, const GradingPhase& phase) override {
    fs::path slot = slots_.dir_of(student);
    calls.push_back(student + (phase.exclusive ? " exclusive " : " shared ") +
                    testing::read_text(slot / "ex" / "a.cpp"));
    GradeReport grade;
    ExerciseGrade exercise;
    exercise.id = "ex";
    exercise.build.ok = true;
    TestGrade test;
    test.id = phase.exclusive ? "timing" : "quick";
    test.outcome = kill.count(student) && !phase.exclusive ? Outcome::failed : Outcome::passed;
    exercise.tests.push_back(test);
    grade.exercises.push_back(exercise);
    return grade;
  }
  std::set<std::string> kill;
  std::vector<std::string> calls;

 private:
  MutantSlots& slots_;
};

class MutantRunnerTest : public testing::SlotCourseTest {
 protected:
  MutantRunnerTest()
      : SlotCourseTest("mutant_runner", kAssignments,
                       {"exercises/many/README.md", "exercises/many/m.cpp"}) {}
};

TEST_F(MutantRunnerTest, GradesEachMutantFromItsSlotAndSkipsTheTimingPhaseOfAKilledOne) {
  std::vector<Mutant> mutants{{"ex", {"a.cpp", "1", "0"}, 1, "constant"},
                              {"ex", {"a.cpp", "1", "2"}, 1, "constant"}};
  MutantSlots slots(course_, root_ / "slots", 1, mutants);
  FakeChecks checks(slots);
  checks.kill = {mutant_student(0)};
  MutantPhaseRunner runner(slots, checks);
  std::atomic<bool> stop{false};
  std::vector<MutantResult> results = grade_mutants(course_, mutants, 1, runner, stop, {});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome.verdict, MutantVerdict::killed);
  EXPECT_EQ(results[0].outcome.detail, "quick failed");
  EXPECT_EQ(results[1].outcome.verdict, MutantVerdict::survived);
  // The killed mutant's exclusive phase never ran; the survivor's did.
  std::vector<std::string> expected{"mutant-0000 shared int a = 0;\n",
                                    "mutant-0001 exclusive int a = 2;\n",
                                    "mutant-0001 shared int a = 2;\n"};
  std::sort(checks.calls.begin(), checks.calls.end());
  EXPECT_EQ(checks.calls, expected);
  EXPECT_EQ(testing::read_text(root_ / "slots" / "slot-0" / "ex" / "b.cpp"), "int b = 2;\n");
}

TEST_F(MutantRunnerTest, PhasesAreCutSoAKilledMutantSkipsTheRest) {
  std::vector<GradingPhase> phases = mutant_phases(course_, "many", 2);
  ASSERT_EQ(phases.size(), 3u);
  EXPECT_EQ(phases[0].selection.test_patterns, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(phases[1].selection.test_patterns, (std::vector<std::string>{"t3", "t4"}));
  EXPECT_EQ(phases[2].selection.test_patterns, (std::vector<std::string>{"t5"}));
  EXPECT_TRUE(phases[1].selection.include_hidden);
  EXPECT_FALSE(phases[2].exclusive);
  // An exclusive phase stays whole and last.
  phases = mutant_phases(course_, "ex", 1);
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_TRUE(phases[1].exclusive);
}

TEST_F(MutantRunnerTest, AnUnchangedFileKeepsItsTimeStamp) {
  std::vector<Mutant> mutants{{"ex", {"a.cpp", "1", "0"}, 1, "constant"},
                              {"ex", {"a.cpp", "1", "2"}, 1, "constant"}};
  MutantSlots slots(course_, root_ / "slots", 1, mutants);
  slots.acquire(mutant_student(0));
  const fs::path b = root_ / "slots" / "slot-0" / "ex" / "b.cpp";
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(b, old_time);
  slots.release(mutant_student(0));
  slots.acquire(mutant_student(1));
  EXPECT_EQ(fs::last_write_time(b), old_time);  // only a.cpp differs: b.cpp is not recompiled
  EXPECT_EQ(testing::read_text(root_ / "slots" / "slot-0" / "ex" / "a.cpp"), "int a = 2;\n");
}

}  // namespace
}  // namespace grader
