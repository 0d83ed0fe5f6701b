// Attacks through the submission's files rather than its code: a student
// file that is a link (to the model answer, to /proc/self/environ, to
// /dev/zero) or a FIFO. The one intake refuses each, file by file: that
// exercise's build fails, the secret appears nowhere, and the grader neither
// hangs nor runs out of memory. For `check --submission` and `batch`
// (folders, and an archive holding a link).
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::HasSubstr;
using testing::Not;

const fs::path kCourse = IPCLAB_SOURCE_DIR;
const fs::path kWork = fs::path(HOSTILE_WORK_DIR) / "intake";
constexpr const char* kSecret = "IPCLAB_TEST_SECRET=intake-4f1d9c-do-not-print";
const std::string kSecretValue = "intake-4f1d9c-do-not-print";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ipclab::exec::ProcessResult run(const std::string& program, std::vector<std::string> args,
                                std::chrono::seconds watchdog = std::chrono::seconds(420)) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = program;
  spec.args = std::move(args);
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + std::string(std::getenv("HOME")),
              kSecret};
  ipclab::exec::RunOptions options;
  options.wall_time = watchdog;  // a grader that hangs on a FIFO is stopped here
  options.output_cap_bytes = 4 << 20;
  return ipclab::exec::SystemProcessRunner().run(spec, options);
}

const std::string& backend() {
  static const std::string name = [] {
    try {
      bool works = run("/usr/bin/bwrap",
                       {"--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"},
                       std::chrono::seconds(10))
                       .succeeded();
      return std::string(works ? "bubblewrap" : "process");
    } catch (const std::exception&) {
      return std::string("process");
    }
  }();
  return name;
}

std::vector<std::string> grader_args(const std::string& work) {
  // batch speaks the course's language (Spanish) whatever the locale: ask for English.
  std::vector<std::string> args = {"--lang",         "en",         "--course",
                                   kCourse.string(), "--work-dir", (kWork / work).string(),
                                   "--sandbox",      backend()};
  if (backend() == "process") args.push_back("--allow-advisory");
  return args;
}

/// <dir>/pipe_ping_pong/ with the starter ping_pong.cpp; connection.cpp is
/// left for the attack.
fs::path exercise_folder(const fs::path& dir) {
  fs::path exercise = dir / "pipe_ping_pong";
  fs::remove_all(dir);
  fs::create_directories(exercise);
  fs::copy_file(kCourse / "exercises" / "pipe_ping_pong" / "ping_pong.cpp",
                exercise / "ping_pong.cpp");
  return exercise;
}

/// Where each check attack is written in turn: one workspace for them all.
fs::path check_submission() {
  return exercise_folder(kWork / "check-submission");
}

struct Check {
  ipclab::exec::ProcessResult process;
  json report;
  std::string json_text;
};

Check check(const fs::path& submission) {
  fs::path report = kWork / "check-report.json";
  fs::remove(report);
  std::vector<std::string> args = grader_args("check-work");
  for (std::string word : {std::string("check"), std::string("pipe_ping_pong"),
                           std::string("--submission"), submission.string(), std::string("--test"),
                           std::string("wire_format"), std::string("--json"), report.string()})
    args.push_back(std::move(word));
  Check result{run(IPCLAB_GRADER, args), json::object(), read_file(report)};
  try {
    result.report = json::parse(result.json_text);
  } catch (const std::exception&) {
  }
  return result;
}

/// The build of pipe_ping_pong in `report` failed with a refusal naming
/// connection.cpp, and earned nothing.
void expect_refused(const Check& check, const std::string& what) {
  ASSERT_EQ(check.process.termination, ipclab::exec::Termination::exited)
      << "the grader did not finish: " << check.process.err;
  EXPECT_EQ(check.process.status.exit_code, 1) << check.process.err;
  ASSERT_TRUE(check.report.contains("exercises")) << check.process.out << check.process.err;
  const json& exercise = check.report.at("exercises").at(0);
  EXPECT_FALSE(exercise.at("build").at("ok").get<bool>());
  EXPECT_EQ(exercise.at("score"), 0) << "no more than the starter files: nothing";
  EXPECT_THAT(exercise.at("build").at("diagnostics").dump(),
              HasSubstr("\"file\":\"pipe_ping_pong/connection.cpp\""));
  EXPECT_THAT(check.process.out, HasSubstr("pipe_ping_pong/connection.cpp: error: " + what +
                                           ", not a file: hand in the file itself"));
}

void expect_no_secret(const std::string& where, const std::string& text) {
  EXPECT_THAT(text, Not(HasSubstr(kSecretValue))) << "the secret leaked into " << where;
}

TEST(IntakeAttack, CheckALinkToTheModelAnswerEarnsNothing) {
  fs::path exercise = check_submission();
  fs::create_symlink(kCourse / "solutions" / "pipe_ping_pong" / "connection.cpp",
                     exercise / "connection.cpp");
  expect_refused(check(exercise.parent_path()), "a symbolic link");
}

TEST(IntakeAttack, CheckALinkToTheEnvironmentLeaksNothing) {
  fs::path exercise = check_submission();
  fs::create_symlink("/proc/self/environ", exercise / "connection.cpp");
  Check result = check(exercise.parent_path());
  expect_refused(result, "a symbolic link");
  expect_no_secret("the console report", result.process.out);
  expect_no_secret("stderr", result.process.err);
  expect_no_secret("the JSON report", result.json_text);
}

TEST(IntakeAttack, CheckALinkToDevZeroEndsQuicklyInBoundedMemory) {
  fs::path exercise = check_submission();
  fs::create_symlink("/dev/zero", exercise / "connection.cpp");
  Check result = check(exercise.parent_path());
  expect_refused(result, "a symbolic link");
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  // ru_maxrss is in KiB: reading /dev/zero took the grader past 3 GiB.
  EXPECT_LT(usage.ru_maxrss, 1L << 20) << "the grader (or a child) used over 1 GiB";
}

TEST(IntakeAttack, CheckAFifoDoesNotHang) {
  fs::path exercise = check_submission();
  ASSERT_EQ(::mkfifo((exercise / "connection.cpp").c_str(), 0600), 0);
  expect_refused(check(exercise.parent_path()), "a named pipe (FIFO)");
}

/// Every file below `dir`, concatenated.
std::string everything_in(const fs::path& dir) {
  std::string text;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) text += read_file(entry.path());
  }
  return text;
}

TEST(IntakeAttack, BatchRefusesFileByFileAndLeaksNothing) {
  const fs::path subs = kWork / "batch-submissions";
  fs::remove_all(subs);
  fs::create_symlink("/proc/self/environ", exercise_folder(subs / "alice") / "connection.cpp");
  ASSERT_EQ(::mkfifo((exercise_folder(subs / "bob") / "connection.cpp").c_str(), 0600), 0);
  fs::create_symlink("/dev/zero", exercise_folder(subs / "carol") / "connection.cpp");
  // An archive holding the link: refused as a whole by the archive reader.
  fs::path dave = exercise_folder(kWork / "dave");
  fs::create_symlink("/proc/self/environ", dave / "connection.cpp");
  ASSERT_TRUE(run("/usr/bin/tar", {"-czf", (subs / "dave.tar.gz").string(), "-C",
                                   dave.parent_path().string(), "pipe_ping_pong"})
                  .succeeded());
  const fs::path out = kWork / "batch-out";
  fs::remove_all(out);
  std::vector<std::string> args = grader_args("batch-work");
  for (std::string word : {"batch", subs.c_str(), "-o", out.c_str(), "-e", "pipe_ping_pong", "-t",
                           "wire_format", "-j", "2"})
    args.push_back(std::move(word));
  ipclab::exec::ProcessResult batch = run(IPCLAB_GRADER, args);
  ASSERT_EQ(batch.termination, ipclab::exec::Termination::exited) << "hung: " << batch.err;
  EXPECT_LE(batch.status.exit_code, 1) << batch.err;
  expect_no_secret("the batch's console", batch.out + batch.err);
  expect_no_secret("the batch's outputs", everything_in(out));
  std::string feedback = everything_in(out);
  EXPECT_THAT(feedback, HasSubstr("a symbolic link, not a file: hand in the file itself"));
  EXPECT_THAT(feedback, HasSubstr("a named pipe (FIFO), not a file: hand in the file itself"));
  EXPECT_THAT(batch.out + batch.err, HasSubstr("is a symbolic link (links are not accepted)"))
      << "dave's archive";
}

}  // namespace
