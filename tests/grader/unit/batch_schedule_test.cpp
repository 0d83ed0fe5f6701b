// Exclusive tests, grading phases and the scheduler that keeps them apart.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <sstream>
#include <thread>

#include "batch/schedule/batch_progress.hpp"
#include "batch/schedule/batch_scheduler.hpp"
#include "batch/schedule/check_process_runner.hpp"
#include "batch/schedule/test_schedule.hpp"
#include "batch_fixtures.hpp"
#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "in_language.hpp"
#include "model/grader_error.hpp"
#include "plan/run_plan.hpp"

namespace grader {
namespace {

using namespace std::chrono_literals;
using testing::batch_course;

TEST(BatchTestSchedule, KnowsWhichTestsRunAlone) {
  Course course = batch_course();
  const auto& tests = course.exercises[0].tests;
  EXPECT_FALSE(is_exclusive(tests[0])) << "wire_format";
  EXPECT_TRUE(is_exclusive(tests[2])) << "trials: 3";
  EXPECT_TRUE(is_exclusive(tests[3])) << "echo_latency";
  TestSpec marked;
  marked.id = "plain";
  marked.exclusive = true;
  EXPECT_TRUE(is_exclusive(marked));
}

TEST(BatchTestSchedule, ReadsTheExclusiveKey) {
  testing::ScratchDir dir;
  dir.write("exercises/e/README.md", "");
  dir.write("exercises/e/e.cpp", "");
  const std::string yaml =
      "course: C\nexercises:\n  - id: e\n    title: E\n    student_files: [e.cpp]\n"
      "    tests:\n      - id: t\n        points: 1\n        exclusive: true\n"
      "      - id: u\n        points: 1\n";
  Course course = parse_course(yaml, "assignments.yaml", dir.path());
  EXPECT_TRUE(course.exercises.at(0).tests.at(0).exclusive);
  EXPECT_FALSE(course.exercises.at(0).tests.at(1).exclusive) << "off unless asked for";
  std::string bad = yaml;
  bad.replace(bad.find("exclusive: true"), 15, "exclusive: yes");
  try {
    parse_course(bad, "assignments.yaml", dir.path());
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "assignments.yaml:9:20: 'exclusive' must be true or false, got 'yes'");
  }
}

TEST(BatchTestSchedule, SplitsASelectionIntoSharedAndExclusivePhases) {
  Course course = batch_course();
  std::vector<GradingPhase> phases = plan_phases(course, {{}, {}, true});
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_FALSE(phases[0].exclusive);
  EXPECT_EQ(phases[0].selection.test_patterns,
            (std::vector<std::string>{"wire_format", "dont_merge", "increments"}));
  EXPECT_TRUE(phases[0].selection.exercise_ids.empty()) << "builds every exercise";
  EXPECT_TRUE(phases[1].exclusive);
  EXPECT_EQ(phases[1].selection.exercise_ids, (std::vector<std::string>{"pipe_ping_pong"}));
  EXPECT_EQ(phases[1].selection.test_patterns,
            (std::vector<std::string>{"ping_pong_game", "echo_latency"}));
  EXPECT_TRUE(phases[1].selection.include_hidden);

  std::vector<GradingPhase> one = plan_phases(course, {{"counter"}, {}, true});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_FALSE(one[0].exclusive);
  EXPECT_EQ(one[0].selection.exercise_ids, (std::vector<std::string>{"counter"}));
  std::vector<GradingPhase> alone = plan_phases(course, {{}, {"*latency"}, true});
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_TRUE(alone[0].exclusive) << "only exclusive tests: one phase, run alone";
}

TEST(BatchTestSchedule, MergesPhaseReportsInCourseOrder) {
  Course course = batch_course();
  GradeReport shared;
  ExerciseGrade pipe{"pipe_ping_pong", "Pipe ping-pong", 3, 5, {true, 1, 1}, {}};
  pipe.tests.push_back({"wire_format", Visibility::visible, Outcome::passed, 2, 2});
  pipe.tests.push_back({"dont_merge", Visibility::visible, Outcome::failed, 0, 2});
  shared.exercises.push_back(pipe);
  GradeReport exclusive;
  ExerciseGrade again{"pipe_ping_pong", "Pipe ping-pong", 5, 5, {true, 1, 1}, {}};
  again.tests.push_back({"ping_pong_game", Visibility::visible, Outcome::passed, 2, 2});
  again.tests.push_back({"echo_latency", Visibility::visible, Outcome::passed, 2, 2});
  exclusive.exercises.push_back(again);
  GradeReport merged = merge_phase_reports(course, {shared, exclusive});
  ASSERT_EQ(merged.exercises.size(), 1u);
  std::vector<std::string> ids;
  for (const TestGrade& test : merged.exercises[0].tests)
    ids.push_back(test.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"wire_format", "dont_merge", "ping_pong_game",
                                           "echo_latency"}));
  EXPECT_EQ(merged.exercises[0].score, 7) << "build 1 + 2 + 0 + 2 + 2, build counted once";
  EXPECT_EQ(merged.exercises[0].max_score, 9);
  EXPECT_EQ(merged.score, 7);
  EXPECT_EQ(merged.max_score, 9);
}

/// Records when each phase ran; checks nothing overlaps an exclusive phase.
class RecordingRunner : public PhaseRunner {
 public:
  GradeReport run(const std::string& student, const GradingPhase& phase) override {
    {
      std::lock_guard lock(mutex_);
      ++running_;
      max_running_ = std::max(max_running_, running_);
      if (phase.exclusive) exclusive_alone_ = exclusive_alone_ && running_ == 1;
      if (exclusive_running_) exclusive_alone_ = false;
      if (phase.exclusive) exclusive_running_ = true;
      order_.push_back(student + (phase.exclusive ? ":x" : ":s"));
    }
    std::this_thread::sleep_for(20ms);
    std::lock_guard lock(mutex_);
    --running_;
    if (phase.exclusive) exclusive_running_ = false;
    if (student == "broken") throw GraderError("grader check failed (exit code 2)");
    GradeReport report;
    report.submission = student;
    return report;
  }

  std::mutex mutex_;
  int running_ = 0;
  int max_running_ = 0;
  bool exclusive_running_ = false;
  bool exclusive_alone_ = true;
  std::vector<std::string> order_;
};

std::vector<ScheduledStudent> students(int count, const std::vector<GradingPhase>& phases) {
  std::vector<ScheduledStudent> list;
  for (int i = 0; i < count; ++i)
    list.push_back({"s" + std::to_string(i), phases});
  return list;
}

TEST(BatchScheduler, RunsSharedPhasesInParallelAndExclusiveOnesAlone) {
  RecordingRunner runner;
  std::atomic<bool> stop{false};
  std::vector<FinishedStudent> finished;
  ScheduleEvents events;
  events.finished = [&](FinishedStudent f) { finished.push_back(std::move(f)); };
  run_schedule(students(9, plan_phases(batch_course(), {{}, {}, true})), 3, runner, stop, events);
  EXPECT_EQ(finished.size(), 9u);
  for (const FinishedStudent& f : finished) {
    EXPECT_EQ(f.parts.size(), 2u) << f.student;
    EXPECT_EQ(f.error, "");
  }
  EXPECT_EQ(runner.max_running_, 3);
  EXPECT_TRUE(runner.exclusive_alone_);
  EXPECT_EQ(runner.order_.size(), 18u);
}

TEST(BatchScheduler, AGraderErrorCostsOnlyThatStudent) {
  RecordingRunner runner;
  std::atomic<bool> stop{false};
  std::vector<FinishedStudent> finished;
  ScheduleEvents events;
  events.finished = [&](FinishedStudent f) { finished.push_back(std::move(f)); };
  std::vector<ScheduledStudent> list = students(3, plan_phases(batch_course(), {{}, {}, true}));
  list[1].student = "broken";
  run_schedule(list, 2, runner, stop, events);
  ASSERT_EQ(finished.size(), 3u);
  int errors = 0;
  for (const FinishedStudent& f : finished) {
    if (f.student == "broken") {
      EXPECT_EQ(f.error, "grader check failed (exit code 2)");
      ++errors;
    }
  }
  EXPECT_EQ(errors, 1);
}

TEST(BatchScheduler, StopsLaunchingWhenAskedAndReportsOnlyFinishedStudents) {
  RecordingRunner runner;
  std::atomic<bool> stop{false};
  std::vector<FinishedStudent> finished;
  ScheduleEvents events;
  events.finished = [&](FinishedStudent f) {
    finished.push_back(std::move(f));
    stop = true;
  };
  run_schedule(students(20, {{{}, false}}), 2, runner, stop, events);
  EXPECT_GE(finished.size(), 1u);
  EXPECT_LE(finished.size(), 2u) << "the one running beside the first may finish too";
  EXPECT_LE(runner.order_.size(), 3u);
}

TEST(BatchScheduler, AResultThatCannotBeStoredEndsTheBatchCleanly) {
  RecordingRunner runner;
  std::atomic<bool> stop{false};
  ScheduleEvents events;
  events.finished = [](FinishedStudent) { throw GraderError("cannot write out/x: No space left"); };
  EXPECT_THROW(run_schedule(students(10, {{{}, false}}), 2, runner, stop, events), GraderError);
  EXPECT_LE(runner.order_.size(), 3u) << "nothing new starts after the failure";
  EXPECT_EQ(runner.running_, 0) << "every started phase ended first";
}

TEST(BatchProgress, ShowsDoneTotalCurrentStudentsAndTimeLeft) {
  std::ostringstream out;
  auto now = std::chrono::steady_clock::time_point{};
  BatchProgress progress(out, true, 4, [&] { return now; });
  progress.started("alice", false);
  progress.started("bob", false);
  EXPECT_EQ(progress.status_line(), "[0/4] 0% · grading alice, bob");
  now += 30s;
  progress.finished("alice", "44/47");
  progress.started("carol", true);
  EXPECT_EQ(progress.status_line(), "[1/4] 25% · grading bob · alone: carol · about 1m30s left");
  EXPECT_NE(out.str().find("[1/4] alice: 44/47\n"), std::string::npos);
  std::ostringstream plain;
  BatchProgress quiet(plain, false, 2, [&] { return now; });
  quiet.started("alice", false);
  quiet.finished("alice", "error: alice.zip: more than 10 entries (the limit)");
  EXPECT_EQ(plain.str(), "[1/2] alice: error: alice.zip: more than 10 entries (the limit)\n");
}

TEST(CheckProcessRunner, TellsTheChildGraderTheBatchsLanguage) {
  const Course course = batch_course();
  const std::atomic<bool> stop{false};
  CheckInvocation invocation;
  invocation.course_dir = "/course";
  invocation.work_dir = "/work";
  invocation.lang = "es";  // whatever LANG the child inherits
  const auto staged = [](const std::string& student) { return "/staged/" + student; };
  const GradingPhase phase = plan_phases(course, {{}, {}, true}).front();
  std::vector<std::string> args =
      CheckProcessRunner(course, invocation, staged, stop).arguments("ana", phase, "/r.json");
  const auto check = std::find(args.begin(), args.end(), "check");
  ASSERT_NE(check, args.end());
  EXPECT_EQ(std::vector<std::string>(check - 2, check), (std::vector<std::string>{"--lang", "es"}));
  invocation.lang.clear();
  args = CheckProcessRunner(course, invocation, staged, stop).arguments("ana", phase, "/r.json");
  EXPECT_EQ(std::find(args.begin(), args.end(), "--lang"), args.end());
}

TEST(BatchProgress, SpeaksTheBatchsLanguage) {
  std::ostringstream out;
  auto now = std::chrono::steady_clock::time_point{};
  BatchProgress progress(
      out, false, 4, [&] { return now; }, 30s);
  const std::string line = fixtures::in_spanish([&] {
    progress.started("alice", false);
    now += 30s;
    progress.finished("alice", "44/47");
    progress.started("bob", false);
    progress.started("carol", true);
    now += 30s;
    progress.tick();
    return progress.status_line();
  });
  EXPECT_EQ(line, "[1/4] 25% · calificando bob · en solitario: carol · quedan unos 3m00s");
  EXPECT_NE(out.str().find(" · 1m00s hasta ahora\n"), std::string::npos) << out.str();
}

TEST(BatchProgress, WithoutATerminalAHeartbeatLineAtLeastEveryInterval) {
  std::ostringstream log;
  auto now = std::chrono::steady_clock::time_point{};
  BatchProgress progress(
      log, false, 3, [&] { return now; }, 30s);
  progress.started("alice", false);
  progress.started("bob", false);
  now += 29s;
  progress.tick();
  EXPECT_EQ(log.str(), "") << "nothing to say yet";
  now += 1s;
  progress.tick();
  EXPECT_EQ(log.str(), "[0/3] 0% · grading alice, bob · 30s so far\n");
  now += 20s;
  progress.finished("alice", "44/47");
  now += 29s;
  progress.tick();  // 29 s after alice's line: still quiet
  now += 1s;
  progress.tick();
  EXPECT_EQ(log.str(),
            "[0/3] 0% · grading alice, bob · 30s so far\n"
            "[1/3] alice: 44/47\n"
            "[1/3] 33% · grading bob · about 2m40s left · 1m20s so far\n");
}

}  // namespace
}  // namespace grader
