// The grader binary, end to end, on the real course: the model answers get
// full marks; the starter files get the build points; a submission that does
// not compile, one that hangs, one that crashes and one that floods its output
// each get a clear outcome and message while the rest of the report is intact;
// configuration errors and exit codes are as documented.
#include <fstream>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;

using namespace e2e;

TEST(GraderEndToEnd, ModelAnswersGetFullMarks) {
  GraderRun run =
      grader({"check", "--submission", std::string(IPCLAB_SOURCE_DIR) + "/solutions", "--hidden"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  EXPECT_EQ(run.report.at("schema"), "ipclab.grade/1");
  EXPECT_EQ(run.report.at("score"), run.report.at("max_score"));
  EXPECT_GT(run.report.at("max_score").get<double>(), 0);
  EXPECT_THAT(run.out, HasSubstr("Total: "));
}

TEST(GraderEndToEnd, StarterFilesGetOnlyTheBuildPoints) {
  GraderRun run = grader({"check", "--submission", std::string(IPCLAB_SOURCE_DIR) + "/exercises"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  for (const json& exercise : run.report.at("exercises")) {
    EXPECT_TRUE(exercise.at("build").at("ok").get<bool>());
    EXPECT_EQ(exercise.at("score"), exercise.at("build").at("score"));
    for (const json& test : exercise.at("tests")) {
      EXPECT_EQ(test.at("outcome"), "failed") << test.at("id");
      EXPECT_THAT(test.at("message").get<std::string>(), HasSubstr("is not implemented yet"));
    }
  }
}

TEST(GraderEndToEnd, AFreshCheckoutsReportFitsOnTwoScreens) {
  // What a beginner reads first: the exercises one line each and one failure
  // explained, not a wall of every failing test.
  GraderRun run = grader({"check", "--submission", std::string(IPCLAB_SOURCE_DIR) + "/exercises"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::istringstream lines(run.out);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    EXPECT_LE(line.size(), 300u) << "line " << count + 1 << ": " << line.substr(0, 120);
  }
  EXPECT_LE(count, 100) << run.out;
  EXPECT_THAT(run.out, HasSubstr("./lab check --all"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("IPCLAB_STUDENT_DRIVER"))) << run.out;
  // The JSON keeps every test's message.
  for (const json& exercise : run.report.at("exercises")) {
    for (const json& test : exercise.at("tests"))
      EXPECT_NE(test.at("message"), "");
  }
}

TEST(GraderEndToEnd, ATemplateErrorNamesTheStudentsLine) {
  // GCC reports both inside a library header (Boost.Interprocess, <variant>);
  // the report leads with the student's line that instantiated it.
  GraderRun run = grader({"check", "--all", "producer_consumer", "serialization", "--submission",
                          submission("template_errors")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const std::pair<const char*, int> expected[] = {{"producer_consumer/queue.cpp", 35},
                                                  {"serialization/pickler.cpp", 375}};
  for (std::size_t i = 0; i < 2; ++i) {
    const json& build = run.report.at("exercises").at(i).at("build");
    EXPECT_FALSE(build.at("ok").get<bool>());
    ASSERT_FALSE(build.at("diagnostics").empty()) << build.at("log");
    const json& first = build.at("diagnostics").at(0);
    EXPECT_EQ(first.at("file"), expected[i].first) << first.dump();
    EXPECT_EQ(first.at("line"), expected[i].second) << first.dump();
    EXPECT_THAT(first.at("origin").get<std::string>(), HasSubstr("/usr/include/"));
  }
  EXPECT_THAT(run.out, HasSubstr("producer_consumer/queue.cpp:35:"));
  EXPECT_THAT(run.out, HasSubstr("serialization/pickler.cpp: In member function"));
  EXPECT_THAT(run.out, HasSubstr("serialization/pickler.cpp:375:"));
}

TEST(GraderEndToEnd, ACompileErrorCostsOnlyTheBuildAndNamesTheLine) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--submission", submission("compile_error")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const json& build = run.report.at("exercises").at(0).at("build");
  EXPECT_FALSE(build.at("ok").get<bool>());
  ASSERT_FALSE(build.at("diagnostics").empty());
  const json& first = build.at("diagnostics").at(0);
  EXPECT_EQ(first.at("file"), "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(first.at("line"), 95);
  EXPECT_EQ(first.at("severity"), "error");
  EXPECT_THAT(build.at("notes").dump(),
              HasSubstr("pipe_ping_pong/ping_pong.cpp is not in the submission"));
  for (const json& test : run.report.at("exercises").at(0).at("tests")) {
    EXPECT_EQ(test.at("outcome"), "build_failed");
  }
  EXPECT_THAT(run.out, HasSubstr("pipe_ping_pong/connection.cpp:95:"));
}

TEST(GraderEndToEnd, AHangIsStoppedAndExplained) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--submission", submission("hangs")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const json& hang = test_of(run.report, "ping_pong_game");
  EXPECT_EQ(hang.at("outcome"), "timed_out");
  std::string message = hang.at("message");
  EXPECT_THAT(message, HasSubstr("did not return within"));
  EXPECT_THAT(message, HasSubstr("your driver"));
  EXPECT_THAT(message, HasSubstr("It waits for data on fd"));
  EXPECT_THAT(message, HasSubstr("a child of your driver"));
  EXPECT_THAT(message, HasSubstr("sleeping in pause()"));
  EXPECT_THAT(message, HasSubstr("Every process that could write to it is waiting too"));
  // ping_pong_empty_payload plays the same hanging game (with an empty payload).
  expect_others_passed(run.report, {"ping_pong_game", "ping_pong_empty_payload"});
}

TEST(GraderEndToEnd, ACrashNamesTheSignal) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--submission", submission("crashes")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const json& crash = test_of(run.report, "recv_bytes_into");
  EXPECT_EQ(crash.at("outcome"), "crashed");
  EXPECT_THAT(crash.at("message").get<std::string>(), HasSubstr("killed by SIGSEGV"));
  // slice_boundaries and recv_into_not_readable call the same crashing recv_bytes_into().
  expect_others_passed(run.report,
                       {"recv_bytes_into", "slice_boundaries", "recv_into_not_readable"});
}

TEST(GraderEndToEnd, AnOutputFloodIsCapped) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--submission", submission("floods")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const json& flood = test_of(run.report, "ping_pong_game");
  EXPECT_EQ(flood.at("outcome"), "output_limit");
  EXPECT_THAT(flood.at("message").get<std::string>(), HasSubstr("debug: about to send a ping"));
  // ping_client_payloads runs the same flooding ping loop.
  EXPECT_EQ(test_of(run.report, "ping_client_payloads").at("outcome"), "output_limit");
  expect_others_passed(run.report,
                       {"ping_pong_game", "ping_client_payloads", "ping_pong_empty_payload"});
  EXPECT_LT(run.out.size(), 64u * 1024) << "the flood must not reach the report in full";
}

TEST(GraderEndToEnd, ASanitizerReportFailsTheTestAtTheStudentsLine) {
  // The fixture's loads() checks lengths against the whole input, not the
  // bytes left: a truncated pickle reads past the end of the buffer. Only the
  // AddressSanitizer build (tests with `sanitize: true`) sees it every time.
  GraderRun run = grader({"check", "serialization", "--hidden", "--test", "decoder_robustness",
                          "--submission", submission("sanitizer")});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const json& test = test_of(run.report, "decoder_robustness");
  EXPECT_EQ(test.at("outcome"), "failed");
  std::string message = test.at("message");
  EXPECT_THAT(message, HasSubstr("It stopped on a sanitizer report:\n"
                                 "AddressSanitizer: heap-buffer-overflow (READ of size 1)\n"
                                 "  at serialization/unpickler.cpp:43 in byte"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("==ERROR"))) << "the summary, not the raw report";
  EXPECT_THAT(test.at("host_rerun").get<std::string>(), HasSubstr("serialization_student_asan"));
  EXPECT_EQ(test.at("rerun"), "./lab check serialization --test decoder_robustness --hidden");
}

TEST(GraderEndToEnd, ADriverCannotForgeItsVerdicts) {
  // The fixture's static initializer writes "passed" records to every
  // descriptor it has, to /proc/<harness>/fd/3, and fake GoogleTest lines to
  // stdout, in every driver process it runs in.
  GraderRun run = grader({"check", "pipe_ping_pong", "--submission", submission("forges")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  EXPECT_EQ(run.report.at("score"), 1) << "only the build point";
  for (const json& test : run.report.at("exercises").at(0).at("tests")) {
    // "failed": no forged record even reached the result channel (one that did
    // would make the run unresolved). Its writes to its own inherited
    // descriptors only garble its control channel; /proc/<harness>/fd is shut.
    EXPECT_EQ(test.at("outcome"), "failed") << test.at("id") << ": " << test.at("message");
    EXPECT_THAT(test.at("message").get<std::string>(),
                ::testing::Not(HasSubstr("forged via /proc")));
  }
}

TEST(GraderEndToEnd, OneTestByPattern) {
  GraderRun run = grader({"check", "pipe_ping_pong", "--test", "wire_*", "--submission",
                          std::string(IPCLAB_SOURCE_DIR) + "/solutions"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_EQ(run.report.at("exercises").at(0).at("tests").size(), 1u);
  EXPECT_EQ(run.report.at("exercises").at(0).at("tests").at(0).at("id"), "wire_format");
}

TEST(GraderEndToEnd, ConfigurationErrorsNameTheLine) {
  std::filesystem::path course = std::filesystem::path(e2e::work_dir()) / "bad-course";
  std::filesystem::create_directories(course);
  std::ofstream(course / "assignments.yaml")
      << "course: X\nexercises:\n  - id: pipe\n    titel: Pipe\n";
  GraderRun run = grader({"list"}, course.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "grader: error: assignments.yaml:4:5: unknown key 'titel' (did you mean 'title'?)\n");
}

TEST(GraderEndToEnd, UsageErrorsAndHelp) {
  EXPECT_EQ(grader({"check", "--no-such-flag"}).exit_code, 2);
  GraderRun unknown = grader({"check", "no_such_exercise"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no exercise 'no_such_exercise'"));
  for (const char* command : {"check", "list", "selftest"}) {
    GraderRun help = grader({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_THAT(help.out, HasSubstr("Usage")) << command;
  }
}

TEST(GraderEndToEnd, CouldNotGradeIsExitFourNotThree) {
  // 3 means "graded, some test unresolved" (the reports exist); a job the
  // grader could not do at all is 4.
  const std::string nowhere = std::string(e2e::work_dir()) + "/no-such-shard";
  GraderRun run = grader({"merge", std::string(e2e::work_dir()) + "/merged-nothing", nowhere});
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_THAT(run.err, HasSubstr("grader: error: " + nowhere));
}

TEST(GraderEndToEnd, ListShowsTheCourse) {
  GraderRun run = grader({"list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("pipe_ping_pong"));
  EXPECT_THAT(run.out, HasSubstr("wire_format"));
  EXPECT_THAT(run.out, HasSubstr("hidden"));
}

}  // namespace
