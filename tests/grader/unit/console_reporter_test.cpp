// What a student reads after `grader check`, pinned down by golden files in
// tests/grader/golden/ (compared byte for byte).
//
// After an intended change to the output, regenerate the golden files and
// review the diff before committing:
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='*Reporter*'
//
// This file also defines the shared fixtures (sample_grade_report(),
// expect_golden()) that json_reporter_test.cpp uses.

#include "report/console_reporter.hpp"

#include "i18n/messages.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace grader::fixtures {
namespace {

const std::string kRerunPrefix =
    "env IPCLAB_STUDENT_DRIVER=.ipclab/build/pipe_ping_pong/driver "
    "IPCLAB_REFERENCE_DRIVER=kit/pipe_ping_pong_reference kit/pipe_ping_pong_harness "
    "--gtest_filter=pipe_ping_pong.";

/// A test with one trial (none when it did not run) and a rerun command.
TestGrade test_grade(std::string id, Outcome outcome, double score, double max_score,
                     std::chrono::milliseconds duration) {
  TestGrade test;
  test.id = std::move(id);
  test.outcome = outcome;
  test.score = score;
  test.max_score = max_score;
  test.duration = duration;
  const bool ran = outcome != Outcome::build_failed && outcome != Outcome::not_run;
  test.trials_passed = outcome == Outcome::passed ? 1 : 0;
  test.trials_total = ran ? 1 : 0;
  if (ran) test.rerun = "./lab check pipe_ping_pong --test " + test.id;
  if (ran) test.host_rerun = kRerunPrefix + test.id;
  return test;
}

ExerciseGrade pipe_ping_pong() {
  using std::chrono::milliseconds;
  ExerciseGrade exercise{"pipe_ping_pong", "Ping-pong over pipes", 4.5, 10.5, {}, {}};
  exercise.build = {true, 1, 1, {}, "", {}};
  exercise.tests.push_back(test_grade("wire_format", Outcome::passed, 2, 2, milliseconds(12)));

  TestGrade split = test_grade("recv_split_frames", Outcome::failed, 0, 2, milliseconds(85));
  split.message =
      "recv() returned after the first part of a frame\n"
      "  sent:     \"hello\" in two writes (3 + 2 bytes)\n"
      "  expected: \"hello\"\n"
      "  got:      \"hel\"\n";
  split.hint = "read() may return fewer bytes than asked for: loop until the frame is complete.";
  exercise.tests.push_back(split);

  TestGrade game = test_grade("ping_pong_game", Outcome::timed_out, 0, 3, milliseconds(6420));
  game.trials_passed = 2;
  game.trials_total = 3;
  game.message =
      "trial 3 did not finish within 2 s\n"
      "ping (pid 4242) is blocked in read() on fd 3, a pipe\n"
      "pong (pid 4243) is blocked in read() on fd 5, a pipe: each waits for the other";
  game.hint = "Send each ping only after the previous pong has arrived.";
  game.notes = {"left running: pong (pid 4243), killed"};
  exercise.tests.push_back(game);

  TestGrade cloexec = test_grade("close_on_exec", Outcome::passed, 1.5, 1.5, milliseconds(1340));
  cloexec.visibility = Visibility::hidden;
  cloexec.notes = {"fd 7 (pipe) was still open at exit"};
  exercise.tests.push_back(cloexec);

  TestGrade eos = test_grade("end_of_stream", Outcome::unresolved, 0, 1, milliseconds(40));
  eos.message = "the harness exited without writing a result file (exit status 70)";
  eos.hint = "never shown: an unresolved test is not the student's fault";
  exercise.tests.push_back(eos);
  return exercise;
}

ExerciseGrade shm_ring_buffer() {
  ExerciseGrade exercise{"shm_ring_buffer", "A ring buffer in shared memory", 0, 6, {}, {}};
  exercise.build.max_score = 1;
  exercise.build.diagnostics = {
      {"shm_ring_buffer/ring_buffer.cpp", 27, 5, "error",
       "'sem_wait' was not declared in this scope"},
      {"shm_ring_buffer/ring_buffer.cpp", 41, 18, "error",
       "invalid conversion from 'void*' to 'Slot*' [-fpermissive]"},
  };
  exercise.build.log =
      "ring_buffer.cpp:27:5: error: 'sem_wait' was not declared in this scope\n"
      "ring_buffer.cpp:41:18: error: invalid conversion from 'void*' to 'Slot*' [-fpermissive]\n";
  exercise.build.notes = {"ring_buffer.hpp was missing: graded the starter file"};
  for (auto [id, points] : {std::pair{"push_then_pop", 2}, std::pair{"wraps_around", 3}}) {
    TestGrade test = test_grade(id, Outcome::build_failed, 0, points, {});
    test.message = "not built: the build failed";
    exercise.tests.push_back(test);
  }
  return exercise;
}

}  // namespace

/// One exercise with every kind of test line, one whose build failed: an
/// instructor's grade (hidden tests included).
GradeReport sample_grade_report() {
  GradeReport report;
  report.course = "Systems Programming — IPC Lab";
  report.submission = "working copy (/home/ana/ipclab)";
  report.sandbox = "namespaces (user, pid, ipc, net, mount) + rlimits";
  report.hidden_included = true;
  report.score = 4.5;
  report.max_score = 16.5;
  report.exercises = {pipe_ping_pong(), shm_ring_buffer()};
  return report;
}

/// Compares `actual` with tests/grader/golden/<name>, or rewrites that file
/// when IPCLAB_UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(IPCLAB_GOLDEN_DIR) / name;
  const char* update = std::getenv("IPCLAB_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out) << "cannot write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing: run with IPCLAB_UPDATE_GOLDEN=1 to create it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "differs from " << path;
}

}  // namespace grader::fixtures

namespace grader {
namespace {

using fixtures::expect_golden;
using fixtures::sample_grade_report;
using fixtures::test_grade;
using std::chrono::milliseconds;

std::string render(const GradeReport& report, ConsoleStyle style = {}) {
  std::ostringstream out;
  write_console_report(report, out, style);
  return out.str();
}

/// The first line of `text` that contains `needle`; "" when none does.
std::string line_with(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(needle) != std::string::npos) return line;
  }
  return "";
}

/// A check run of one exercise holding `tests`, with totals added up.
GradeReport report_of(std::vector<TestGrade> tests) {
  GradeReport report;
  report.course = "c";
  ExerciseGrade exercise{"e", "", 0, 0, {true, 0, 0, {}, "", {}}, std::move(tests)};
  for (const TestGrade& test : exercise.tests) {
    exercise.score += test.score;
    exercise.max_score += test.max_score;
  }
  report.score = exercise.score;
  report.max_score = exercise.max_score;
  report.exercises = {exercise};
  return report;
}

/// A check run whose builds failed: too many diagnostics, and none at all.
GradeReport build_failed_report() {
  ExerciseGrade many{"pipe_ping_pong", "Ping-pong over pipes", 0, 3, {}, {}};
  many.build.max_score = 1;
  for (int line = 1; line <= 12; ++line) {
    many.build.diagnostics.push_back(
        {"pipe_ping_pong/connection.cpp", line * 10, 3, "error", "expected ';' before '}' token"});
  }
  many.tests = {test_grade("wire_format", Outcome::build_failed, 0, 2, {})};

  ExerciseGrade unparsed{"shm_ring_buffer", "A ring buffer in shared memory", 0, 3, {}, {}};
  unparsed.build.max_score = 1;
  for (int i = 1; i <= 25; ++i)
    unparsed.build.log += "ld: line " + std::to_string(i) + "\n";
  unparsed.tests = {test_grade("push_then_pop", Outcome::not_run, 0, 2, {})};
  unparsed.tests[0].message = "not run: the time for the whole run (10 min) was up";

  GradeReport report;
  report.course = "Systems Programming — IPC Lab";
  report.submission = "working copy";
  report.sandbox = "rlimits only (no namespaces)";
  report.max_score = 6;
  report.exercises = {many, unparsed};
  return report;
}

TEST(ConsoleReporter, PlainMatchesGolden) {
  expect_golden("console_plain.txt", render(sample_grade_report()));
}

TEST(ConsoleReporter, ColorMatchesGolden) {
  expect_golden("console_color.txt", render(sample_grade_report(), {.color = true}));
}

TEST(ConsoleReporter, BuildFailuresMatchGolden) {
  expect_golden("console_build_failed.txt", render(build_failed_report()));
}

TEST(ConsoleReporter, CompactMatchesGolden) {
  expect_golden("console_compact.txt", render(sample_grade_report(), {.compact = true}));
}

/// The same reports in Spanish (po/es.po): every word of the report's own is
/// translated; the test data (messages, hints) stays as given.
class SpanishConsoleReporter : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ipclab::i18n::use_language("es", IPCLAB_LOCALE_DIR)); }
  void TearDown() override { ipclab::i18n::use_language("en", ""); }
};

TEST_F(SpanishConsoleReporter, PlainMatchesGolden) {
  expect_golden("console_plain.es.txt", render(sample_grade_report()));
}

TEST_F(SpanishConsoleReporter, CompactMatchesGolden) {
  expect_golden("console_compact.es.txt", render(sample_grade_report(), {.compact = true}));
}

TEST_F(SpanishConsoleReporter, BuildFailuresMatchGolden) {
  expect_golden("console_build_failed.es.txt", render(build_failed_report()));
}

/// An exercise `id` with tests failing with the messages of `failures` ("" passes).
ExerciseGrade exercise_with(std::string id, const std::vector<std::string>& failures) {
  ExerciseGrade exercise{std::move(id), "", 0, 0, {true, 0, 0, {}, "", {}}, {}};
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const bool passes = failures[i].empty();
    TestGrade test = test_grade("t" + std::to_string(i), passes ? Outcome::passed : Outcome::failed,
                                passes ? 1 : 0, 1, milliseconds(1));
    test.message = failures[i];
    exercise.tests.push_back(test);
  }
  return exercise;
}

TEST(ConsoleReporter, CompactExplainsOnlyTheFirstFailureOfTheFirstUnfinishedExercise) {
  GradeReport report;
  report.course = "c";
  report.exercises = {exercise_with("done_one", {"", ""}),
                      exercise_with("half_way", {"", "first cause", "second cause"}),
                      exercise_with("untouched", {"later cause"})};
  const std::string text = render(report, {.compact = true});
  EXPECT_EQ(line_with(text, "done_one"), "  done        done_one   2/2 tests pass  0/0");
  EXPECT_EQ(line_with(text, "half_way  "), "  in progress half_way   1/3 tests pass  0/0");
  EXPECT_EQ(line_with(text, "untouched"), "  to do       untouched  0/1 tests pass  0/0");
  EXPECT_NE(line_with(text, "first cause"), "");
  EXPECT_NE(line_with(text, "  FAIL        t2"), "") << "the other failures, one line each";
  EXPECT_EQ(line_with(text, "second cause"), "");
  EXPECT_EQ(line_with(text, "later cause"), "");
  EXPECT_EQ(line_with(text, "rerun"), "              rerun: ./lab check pipe_ping_pong --test t1");
  EXPECT_NE(line_with(text, "./lab check --all"), "");
  // Everything, when asked for.
  EXPECT_NE(line_with(render(report), "later cause"), "");
}

TEST(ConsoleReporter, CompactShowsAFailedBuildFirst) {
  GradeReport report = build_failed_report();
  const std::string text = render(report, {.compact = true});
  EXPECT_NE(line_with(text, "pipe_ping_pong/connection.cpp:10:3: error"), "");
  EXPECT_EQ(line_with(text, "ld: line"), "") << "the second exercise is one line";
  EXPECT_EQ(line_with(text, "not built   pipe_ping_pong"),
            "  not built   pipe_ping_pong   0/1 tests pass  0/3");
}

TEST(ConsoleReporter, CutsVeryLongLines) {
  TestGrade test = test_grade("t", Outcome::failed, 0, 1, milliseconds(1));
  test.message = "`dumps [" + std::string(6000, '0') + "]` did not return";
  const std::string line = line_with(render(report_of({test})), "dumps");
  EXPECT_LE(line.size(), 300u);
  EXPECT_TRUE(line.ends_with(" ... 6 025 chars")) << line;
}

TEST(ConsoleReporter, PlainOutputHasNoEscapeCharacter) {
  EXPECT_EQ(render(sample_grade_report()).find('\x1b'), std::string::npos);
  EXPECT_EQ(render(sample_grade_report(), {.verbose = true}).find('\x1b'), std::string::npos);
  EXPECT_NE(render(sample_grade_report(), {.color = true}).find('\x1b'), std::string::npos);
}

TEST(ConsoleReporter, SpellsOutControlCharactersInMessages) {
  TestGrade test = test_grade("t", Outcome::failed, 0, 1, milliseconds(1));
  test.message = "got \"\x1b[2J\r\"\r\nnext line";
  const std::string text = render(report_of({test}));
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(line_with(text, "got"), R"(              got "\x1b[2J\x0d")");
  EXPECT_EQ(line_with(text, "next"), "              next line");
}

TEST(ConsoleReporter, PassingTestIsOneLineUnlessVerbose) {
  const std::string note = "note: fd 7 (pipe) was still open at exit";
  EXPECT_EQ(line_with(render(sample_grade_report()), note), "");
  EXPECT_EQ(line_with(render(sample_grade_report(), {.verbose = true}), note),
            "              " + note);
}

TEST(ConsoleReporter, FooterShowsTotalPercentAndCounts) {
  GradeReport report = report_of({test_grade("a", Outcome::passed, 12.5, 12.5, milliseconds(1)),
                                  test_grade("b", Outcome::failed, 0, 27.5, milliseconds(1)),
                                  test_grade("c", Outcome::timed_out, 0, 0, milliseconds(1))});
  const std::string text = render(report);
  EXPECT_EQ(line_with(text, "Total"), "Total: 12.5/40 (31%)");
  EXPECT_EQ(line_with(text, "passed"), "1 passed, 1 failed, 1 timed out");
  EXPECT_EQ(line_with(text, "could not finish"), "");
}

TEST(ConsoleReporter, FooterSaysWhenTheScoreIsIncomplete) {
  GradeReport report = report_of({test_grade("a", Outcome::unresolved, 0, 1, milliseconds(1)),
                                  test_grade("b", Outcome::unresolved, 0, 1, milliseconds(1))});
  EXPECT_EQ(line_with(render(report), "could not finish"),
            "The grader could not finish its job for 2 tests: the score is incomplete.");
}

TEST(ConsoleReporter, PrintsPointsWithoutTrailingZeros) {
  const std::string text = render(report_of({test_grade("a", Outcome::passed, 3, 3, {}),
                                             test_grade("b", Outcome::failed, 0, 2.5, {}),
                                             test_grade("c", Outcome::failed, 0, 1.0 / 3, {})}));
  EXPECT_EQ(line_with(text, " a "), "  PASS        a          3/3    0 ms");
  EXPECT_EQ(line_with(text, " b "), "  FAIL        b        0/2.5    0 ms");
  EXPECT_EQ(line_with(text, " c "), "  FAIL        c       0/0.33    0 ms");
}

TEST(ConsoleReporter, PrintsDurationsInMillisecondsThenSeconds) {
  const std::pair<int, std::string> cases[] = {
      {999, " 999 ms"}, {1000, " 1 s"}, {1340, " 1.3 s"}, {1950, " 2 s"}, {20'000, " 20 s"}};
  for (const auto& [ms, expected] : cases) {
    const TestGrade test = test_grade("t", Outcome::passed, 1, 1, milliseconds(ms));
    const std::string line = line_with(render(report_of({test})), " t ");
    EXPECT_TRUE(line.ends_with(expected)) << line;
  }
}

}  // namespace
}  // namespace grader
