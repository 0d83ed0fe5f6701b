// GitHub workflow commands and step outputs: a golden file, and proofs that
// student text can neither start a command of its own nor add an output.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Github*'

#include "report/github_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "format_fixtures.hpp"
#include "golden.hpp"
#include "in_language.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string render(const GradeReport& report) {
  std::ostringstream out;
  write_github_annotations(report, out);
  return out.str();
}

/// A report of one failed test whose message is `message`.
GradeReport failed_with(const std::string& message) {
  GradeReport report = format_fixtures::perfect_report();
  TestGrade& test = report.exercises[0].tests[0];
  test.outcome = Outcome::failed;
  test.score = 0;
  test.message = message;
  return report;
}

TEST(GithubReporter, MatchesGolden) {
  expect_golden("annotations_mixed.txt", render(format_fixtures::mixed_report()));
}

TEST(GithubReporter, SpanishMatchesGolden) {
  expect_golden("annotations_mixed.es.txt",
                fixtures::in_spanish([] { return render(format_fixtures::mixed_report()); }));
}

TEST(GithubReporter, HostileTextMatchesGolden) {
  expect_golden("annotations_nasty.txt", render(format_fixtures::nasty_report()));
}

TEST(GithubReporter, InjectedCommandStaysInsideOneEscapedMessage) {
  const std::vector<std::string> lines = lines_of(render(failed_with(format_fixtures::kInjection)));
  ASSERT_EQ(lines.size(), 2u);  // the failed test, then the score notice
  EXPECT_EQ(lines[0],
            "::error title=pipe_ping_pong.wire_format failed (0/2 points)::got 1%0A::set-output "
            "name=score::100%0D%0A::error::forged%250A::warning::x");
  EXPECT_TRUE(lines[1].starts_with("::notice title=IPC Lab score::"));
}

TEST(GithubReporter, EveryLineIsOneCommandWhateverTheText) {
  const std::string text = render(format_fixtures::nasty_report());
  EXPECT_EQ(text.find('\r'), std::string::npos);
  for (const std::string& line : lines_of(text)) {
    EXPECT_TRUE(line.starts_with("::error ") || line.starts_with("::warning ") ||
                line.starts_with("::notice "))
        << line;
  }
}

TEST(GithubReporter, PropertiesEscapeColonsAndCommas) {
  const std::string text = render(format_fixtures::nasty_report());
  EXPECT_NE(text.find("::error file=exercises/shm_ring_buffer/ring%2Cbuf%3Afer.cpp,line=27,col=5,"
                      "title=shm_ring_buffer%3A error::expected ';' before '}'%0A::error::x\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("title=IPC <Lab> & \"friends\" 'n' %3A%3Aco%2Curse %250A score::"),
            std::string::npos)
      << text;
}

TEST(GithubReporter, FailedTestPointsAtTheStudentFileItsMessageNames) {
  const std::string text = render(format_fixtures::mixed_report());
  EXPECT_NE(text.find("::error file=exercises/pipe_ping_pong/connection.cpp,line=42,col=7,"
                      "title=pipe_ping_pong.recv_split_frames crashed (0/2 points)::"),
            std::string::npos)
      << text;
}

/// A realistic pull request: five exercises still stubs (every test fails
/// "not implemented yet") and, last in course order, one that does not
/// compile because of one error.
GradeReport stubs_and_one_compile_error() {
  GradeReport report;
  report.course = "IPC Lab";
  for (const char* id : {"producer_consumer", "pipe_ping_pong", "locked_shared_counter",
                         "event_barrier", "manager_results_collector"}) {
    ExerciseGrade exercise{id, id, 1, 13, {true, 1, 1, {}, "", {}}, {}};
    for (int i = 0; i < 6; ++i) {
      TestGrade test;
      test.id = "test_" + std::to_string(i);
      test.outcome = Outcome::failed;
      test.max_score = 2;
      test.message = std::string(id) + "::put is not implemented yet";
      exercise.tests.push_back(test);
    }
    report.exercises.push_back(exercise);
  }
  ExerciseGrade broken{"serialization", "Pickle", 0, 5, {false, 0, 1, {}, "", {}}, {}};
  broken.build.diagnostics = {
      {"serialization/pickler.cpp", 88, 3, "error", "expected ';' before 'return'", "", ""}};
  TestGrade not_built;
  not_built.id = "round_trips";
  not_built.outcome = Outcome::build_failed;
  not_built.max_score = 4;
  broken.tests.push_back(not_built);
  report.exercises.push_back(broken);
  return report;
}

TEST(GithubReporter, TheCompileErrorComesFirstAndEveryErrorFitsUnderGithubsCap) {
  const std::vector<std::string> lines = lines_of(render(stubs_and_one_compile_error()));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "::error file=exercises/serialization/pickler.cpp,line=88,col=3,"
            "title=serialization%3A error::expected ';' before 'return'");
  // GitHub shows 10 error annotations per step: one per failing exercise.
  int errors = 0;
  for (const std::string& line : lines)
    errors += line.starts_with("::error ") ? 1 : 0;
  EXPECT_EQ(errors, 6);
  EXPECT_EQ(lines[1],
            "::error title=producer_consumer.test_0 failed (0/2 points)::producer_consumer::put "
            "is not implemented yet%0A(5 more tests of producer_consumer did not pass: see the "
            "warnings)");
  EXPECT_TRUE(lines[6].starts_with("::warning title=producer_consumer.test_1 failed")) << lines[6];
  EXPECT_EQ(lines.size(), 1u + 5 * 6 + 1) << "every failure is still annotated";
}

TEST(GithubReporter, HiddenTestDoesNotRevealItsMessage) {
  EXPECT_EQ(render(format_fixtures::mixed_report()).find("secret-frame"), std::string::npos);
}

TEST(GithubReporter, OutputsAreThreeLinesOfNumbersAndBooleans) {
  GradeReport report = format_fixtures::nasty_report();
  EXPECT_EQ(github_outputs(report), "score=3\nmax_score=17.5\npassed=false\n");
  EXPECT_EQ(github_outputs(format_fixtures::perfect_report()),
            "score=15.5\nmax_score=15.5\npassed=true\n");
}

}  // namespace
}  // namespace grader
