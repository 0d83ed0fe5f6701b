// How `grader selftest` grades its mistakes several at a time: in slots that
// hold one mistake each, at most `jobs` phases at once, exclusive phases
// alone, reports in the mistakes' order whatever order they ended in.
#include "selftest/mistake_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "model/grader_error.hpp"
#include "model/source_edit.hpp"
#include "slot_course.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* const kAssignments = R"(course: Mistakes
exercises:
  - id: ex
    title: Ex
    student_files: [a.cpp, b.cpp]
    tests:
      - { id: quick, points: 1 }
      - { id: other, points: 1 }
      - { id: timing, points: 1, exclusive: true }
)";

MistakeSpec mistake(const std::string& name, const std::string& value,
                    std::vector<std::string> fails = {"quick"}) {
  MistakeSpec spec;
  spec.exercise_id = "ex";
  spec.name = name;
  spec.fails = std::move(fails);
  spec.edits = {{"a.cpp", "1", value}};
  spec.files = {"a.cpp"};
  return spec;
}

/// A phase's report: each selected test failed, its message the mistake's
/// name and the text its slot held for a.cpp.
GradeReport failed(const MistakeSpec& mistake, const GradingPhase& phase, const fs::path& slot) {
  ExerciseGrade exercise;
  exercise.id = "ex";
  exercise.build.ok = true;
  for (const std::string& id : phase.selection.test_patterns) {
    TestGrade test;
    test.id = id;
    test.outcome = Outcome::failed;
    test.message = mistake.name + ": " +
                   testing::read_text(MistakeSlots::submission_of(slot) / "ex" / "a.cpp");
    exercise.tests.push_back(test);
  }
  GradeReport report;
  report.exercises = {exercise};
  return report;
}

/// What ran at once: phases, slots, and whether an exclusive phase had company.
struct Overlap {
  std::mutex mutex;
  int running = 0;
  int most = 0;
  bool exclusive_had_company = false;
  std::set<fs::path> slots;
  bool slot_shared = false;

  void enter(bool exclusive, const fs::path& slot) {
    std::lock_guard lock(mutex);
    most = std::max(most, ++running);
    exclusive_had_company = exclusive_had_company || (exclusive && running > 1);
    slot_shared = slot_shared || !slots.insert(slot).second;
  }
  void leave(bool exclusive, const fs::path& slot) {
    std::lock_guard lock(mutex);
    exclusive_had_company = exclusive_had_company || (exclusive && running > 1);
    slots.erase(slot);
    --running;
  }
};

class MistakeRunnerTest : public testing::SlotCourseTest {
 protected:
  MistakeRunnerTest() : SlotCourseTest("mistake_runner", kAssignments) {}
};

TEST_F(MistakeRunnerTest, ReportsComeBackInTheMistakesOrderWhateverOrderTheyEndedIn) {
  std::vector<MistakeSpec> mistakes{mistake("slow", "10"), mistake("middle", "20"),
                                    mistake("fast", "30")};
  MistakeSlots slots(root_ / "slots", 3);
  std::mutex mutex;
  std::vector<std::string> ended;
  auto grade = [&](const MistakeSpec& m, const GradingPhase& phase, const fs::path& slot) {
    GradeReport report = failed(m, phase, slot);
    std::this_thread::sleep_for(m.name == "slow" ? 300ms : m.name == "middle" ? 150ms : 0ms);
    std::lock_guard lock(mutex);
    ended.push_back(m.name);
    return report;
  };
  std::vector<GradeReport> reports = grade_mistakes(course_, mistakes, 3, slots, grade);
  EXPECT_EQ(ended, (std::vector<std::string>{"fast", "middle", "slow"}));
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].exercises.at(0).tests.at(0).message, "slow: int a = 10;\n");
  EXPECT_EQ(reports[1].exercises.at(0).tests.at(0).message, "middle: int a = 20;\n");
  EXPECT_EQ(reports[2].exercises.at(0).tests.at(0).message, "fast: int a = 30;\n");
}

TEST_F(MistakeRunnerTest, AtMostJobsPhasesAtOnceEachInItsOwnSlotAndExclusiveOnesAlone) {
  std::vector<MistakeSpec> mistakes;
  for (int i = 0; i < 6; ++i)
    mistakes.push_back(
        mistake("m" + std::to_string(i), std::to_string(10 + i), {"quick", "timing", "other"}));
  MistakeSlots slots(root_ / "slots", 2);
  Overlap overlap;
  auto grade = [&](const MistakeSpec& m, const GradingPhase& phase, const fs::path& slot) {
    overlap.enter(phase.exclusive, slot);
    std::this_thread::sleep_for(20ms);
    GradeReport report = failed(m, phase, slot);
    overlap.leave(phase.exclusive, slot);
    return report;
  };
  std::vector<GradeReport> reports = grade_mistakes(course_, mistakes, 2, slots, grade);
  EXPECT_EQ(overlap.most, 2);
  EXPECT_FALSE(overlap.exclusive_had_company);
  EXPECT_FALSE(overlap.slot_shared);
  ASSERT_EQ(reports.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    // Both phases merged, in course order, each having seen this mistake's files.
    const std::vector<TestGrade>& tests =
        reports[static_cast<std::size_t>(i)].exercises.at(0).tests;
    ASSERT_EQ(tests.size(), 3u);
    EXPECT_EQ(tests[0].id, "quick");
    EXPECT_EQ(tests[1].id, "other");
    EXPECT_EQ(tests[2].id, "timing");
    const std::string expected =
        "m" + std::to_string(i) + ": int a = " + std::to_string(10 + i) + ";\n";
    EXPECT_EQ(tests[0].message, expected);
    EXPECT_EQ(tests[2].message, expected);
  }
}

TEST_F(MistakeRunnerTest, OneJobGradesOneMistakeAfterTheOtherInOneSlot) {
  std::vector<MistakeSpec> mistakes{mistake("first", "10"), mistake("second", "20")};
  MistakeSlots slots(root_ / "slots", 1);
  std::vector<std::string> calls;
  std::vector<std::string> started;
  auto grade = [&](const MistakeSpec& m, const GradingPhase& phase, const fs::path& slot) {
    calls.push_back(m.name + " in " + slot.filename().string());
    return failed(m, phase, slot);
  };
  auto told = [&](const MistakeSpec& m, bool exclusive) {
    started.push_back(m.name + (exclusive ? " exclusive" : " shared"));
  };
  grade_mistakes(course_, mistakes, 1, slots, grade, told);
  EXPECT_EQ(calls, (std::vector<std::string>{"first in slot-0", "second in slot-0"}));
  EXPECT_EQ(started, (std::vector<std::string>{"first shared", "second shared"}));
}

TEST_F(MistakeRunnerTest, AGraderErrorStopsTheMistakesAndIsThrownOnceTheStartedOnesEnd) {
  std::vector<MistakeSpec> mistakes{mistake("broken", "10"), mistake("next", "20"),
                                    mistake("last", "30")};
  MistakeSlots slots(root_ / "slots", 1);
  std::vector<std::string> calls;
  auto grade = [&](const MistakeSpec& m, const GradingPhase& phase,
                   const fs::path& slot) -> GradeReport {
    calls.push_back(m.name);
    if (m.name == "broken") throw GraderError("cannot configure the workspace");
    return failed(m, phase, slot);
  };
  try {
    grade_mistakes(course_, mistakes, 1, slots, grade);
    FAIL() << "expected a GraderError";
  } catch (const GraderError& e) {
    EXPECT_STREQ(e.what(), "cannot configure the workspace");
  }
  EXPECT_EQ(calls, std::vector<std::string>{"broken"}) << "nothing starts after a grader error";
}

TEST_F(MistakeRunnerTest, AnEditThatNoLongerAppliesThrowsBeforeAnyGrading) {
  std::vector<MistakeSpec> mistakes{mistake("fine", "10"), mistake("stale", "10")};
  mistakes[1].edits = {{"a.cpp", "no such text", "x"}};
  MistakeSlots slots(root_ / "slots", 2);
  int calls = 0;
  auto grade = [&](const MistakeSpec& m, const GradingPhase& phase, const fs::path& slot) {
    ++calls;
    return failed(m, phase, slot);
  };
  EXPECT_THROW(grade_mistakes(course_, mistakes, 2, slots, grade), EditError);
  EXPECT_EQ(calls, 0);
}

TEST_F(MistakeRunnerTest, ASlotRewritesOnlyTheFilesThatDiffer) {
  MistakeSlots slots(root_ / "slots", 1);
  const fs::path slot = slots.acquire("ex", {{"a.cpp", "int a = 10;\n"}, {"b.cpp", "int b;\n"}});
  EXPECT_EQ(slot, root_ / "slots" / "slot-0");
  const fs::path b = MistakeSlots::submission_of(slot) / "ex" / "b.cpp";
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(b, old_time);
  slots.release(slot);
  slots.acquire("ex", {{"a.cpp", "int a = 20;\n"}, {"b.cpp", "int b;\n"}});
  EXPECT_EQ(fs::last_write_time(b), old_time) << "b.cpp is the same: not recompiled";
  EXPECT_EQ(testing::read_text(MistakeSlots::submission_of(slot) / "ex" / "a.cpp"),
            "int a = 20;\n");
  EXPECT_EQ(testing::read_text(root_ / "slots" / "slot-0" / "submission" / "ex" / "a.cpp"),
            "int a = 20;\n");
}

}  // namespace
}  // namespace grader
