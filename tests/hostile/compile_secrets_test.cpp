// Compile-time attacks on the host's secrets: a pipe_ping_pong submission
// whose connection.cpp #includes /etc/shadow, a root-only file (in a folder of
// the host, and in the workspace the build view shows), /root/..., or
// /etc/passwd. Graded as root on each backend, the exercise must be
// build_failed with "No such file or directory" or "Permission denied", and no
// line of the secret may reach the console or the JSON report. An honest
// submission still builds (its objects the build user's) and passes; a
// course the build user cannot read is the grader's error, not the student's.
//
// Root only: as root the compile runs as the build user (build_user.hpp).
// Skipped, with the reason, elsewhere and where bubblewrap does not work.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exec/process_runner.hpp"
#include "sandbox/build_user.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

const fs::path kWork = fs::path(HOSTILE_WORK_DIR) / "compile-secrets";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Grading {
  int exit_code = -1;
  std::string console;  ///< stdout and stderr
  std::string report_text;
  json report;
};

/// `grader check pipe_ping_pong --test wire_format` of `submission` as root.
Grading check(const std::string& backend, const fs::path& submission,
              const fs::path& course = IPCLAB_SOURCE_DIR) {
  const fs::path report = kWork / ("report-" + backend + ".json");
  fs::remove(report);
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course",     course.string(),
               "--work-dir",   (kWork / "grader").string(),
               "--sandbox",    backend,
               "check",        "pipe_ping_pong",
               "--submission", submission.string(),
               "--test",       "wire_format",
               "--json",       report.string()};
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/root"};
  if (const char* base = std::getenv("IPCLAB_UID_BASE"))
    spec.env.push_back(std::string("IPCLAB_UID_BASE=") + base);
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::seconds(600);
  options.output_cap_bytes = 8 << 20;
  ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  Grading grading{result.status.exit_code, result.out + result.err, read_file(report), {}};
  grading.report = json::parse(grading.report_text, nullptr, false);
  return grading;
}

/// The model answer, its connection.cpp starting with `first_line`.
fs::path submission_with(const std::string& first_line) {
  const fs::path dir = kWork / "submission" / "pipe_ping_pong";
  fs::create_directories(dir);
  const fs::path model = fs::path(IPCLAB_SOURCE_DIR) / "solutions" / "pipe_ping_pong";
  std::ofstream(dir / "connection.cpp") << first_line << "\n"
                                        << read_file(model / "connection.cpp");
  fs::copy_file(model / "ping_pong.cpp", dir / "ping_pong.cpp",
                fs::copy_options::overwrite_existing);
  return dir.parent_path();
}

/// The lines of `text` long enough to be nobody's by chance.
std::vector<std::string> telling_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.size() >= 12) lines.push_back(line);
  }
  return lines;
}

/// A root-only (0600) file with `secret`, in a folder others may enter.
fs::path root_only_file(const fs::path& dir, const std::string& secret) {
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  const fs::path file = dir / "ipclab-compile-secret.inc";
  std::ofstream(file) << secret << "\n";
  ::chmod(file.c_str(), 0600);
  return file;
}

/// The workspace the grader made under kWork (the folder with manifest.cmake).
fs::path workspace() {
  for (const fs::directory_entry& entry : fs::directory_iterator(kWork / "grader")) {
    if (fs::exists(entry.path() / "manifest.cmake")) return entry.path();
  }
  return {};
}

std::string backend_missing(const std::string& backend) {
  if (::geteuid() != 0) return "the compile runs as the build user only when the grader is root";
  if (backend != "bubblewrap") return "";
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/usr/bin/bwrap";
  spec.args = {"--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"};
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::seconds(10);
  try {
    ipclab::exec::SystemProcessRunner runner;
    if (runner.run(spec, options).succeeded()) return "";
  } catch (const std::exception&) {
  }
  return "bubblewrap does not work here";
}

class CompileSecrets : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (std::string why = backend_missing(GetParam()); !why.empty()) GTEST_SKIP() << why;
    fs::create_directories(kWork);
  }

  /// Grades a submission that #includes `path` and expects a failed build,
  /// for `why`, with no line of `secret` anywhere.
  void expect_kept_out(const std::string& path, const std::string& secret, const std::string& why) {
    SCOPED_TRACE(path);
    Grading grading = check(GetParam(), submission_with("#include \"" + path + "\""));
    ASSERT_FALSE(grading.report.is_discarded()) << grading.console;
    const json& exercise = grading.report.at("exercises").at(0);
    EXPECT_FALSE(exercise.at("build").at("ok").get<bool>()) << grading.console;
    EXPECT_EQ(exercise.at("tests").at(0).at("outcome"), "build_failed");
    EXPECT_THAT(exercise.at("build").dump(), HasSubstr(why));
    // A diagnostic located in the file: the compiler read it (whatever it quoted).
    EXPECT_EQ(grading.console.find(path + ":1:"), std::string::npos) << grading.console;
    for (const json& diagnostic : exercise.at("build").at("diagnostics"))
      EXPECT_NE(diagnostic.at("file"), path) << "the compiler read it: " << diagnostic.dump();
    for (const std::string& line : telling_lines(secret)) {
      EXPECT_EQ(grading.console.find(line), std::string::npos) << "leaked on the console: " << line;
      EXPECT_EQ(grading.report_text.find(line), std::string::npos)
          << "leaked in the report: " << line;
    }
  }
};

TEST_P(CompileSecrets, AnHonestSubmissionBuildsAsTheBuildUserAndPasses) {
  Grading grading = check(GetParam(), submission_with("// honest"));
  ASSERT_EQ(grading.exit_code, 0) << grading.console;
  EXPECT_EQ(grading.report.at("exercises").at(0).at("tests").at(0).at("outcome"), "passed");
  const fs::path driver = workspace() / "build" / "pipe_ping_pong_student";
  struct stat info {};
  ASSERT_EQ(::stat(driver.c_str(), &info), 0) << driver;
  const uid_t build_uid = grader::build_user_of(grader::configured_uid_range()).uid;
  EXPECT_EQ(info.st_uid, build_uid) << "compiled by the build user";
  EXPECT_EQ(info.st_mode & 022, 0u) << "no test's uid may rewrite it";
}

TEST_P(CompileSecrets, TheShadowFileIsNotIncluded) {
  const std::string why =
      GetParam() == "bubblewrap" ? "No such file or directory" : "Permission denied";
  expect_kept_out("/etc/shadow", read_file("/etc/shadow"), why);
}

TEST_P(CompileSecrets, ARootOnlyFileOfTheHostIsNotIncluded) {
  const std::string secret = "ipclab_host_secret_4f1c2a9e0b";
  fs::path file = root_only_file(kWork / "host-secret", secret);
  const std::string why =
      GetParam() == "bubblewrap" ? "No such file or directory" : "Permission denied";
  expect_kept_out(file.string(), secret, why);
}

TEST_P(CompileSecrets, ARootOnlyFileInTheViewIsNotIncluded) {
  check(GetParam(), submission_with("// makes the workspace"));
  ASSERT_FALSE(workspace().empty());
  const std::string secret = "ipclab_workspace_secret_93d7c1e5aa";
  fs::path file = root_only_file(workspace(), secret);
  expect_kept_out(file.string(), secret, "Permission denied");
  fs::remove(file);
}

TEST_P(CompileSecrets, AFileOfRootsHomeIsNotIncluded) {
  const fs::path file = "/root/.ipclab-compile-secret";
  const std::string secret = "ipclab_root_home_secret_51be08d2c3";
  std::ofstream(file) << secret << "\n";
  ::chmod(file.c_str(), 0600);
  const std::string why =
      GetParam() == "bubblewrap" ? "No such file or directory" : "Permission denied";
  expect_kept_out(file.string(), secret, why);
  fs::remove(file);
}

TEST_P(CompileSecrets, TheAccountsListIsNotInTheBuildView) {
  if (GetParam() != "bubblewrap")
    GTEST_SKIP() << "/etc/passwd is world-readable: without a view (advisory backend) any uid "
                    "reads it";
  expect_kept_out("/etc/passwd", read_file("/etc/passwd"), "No such file or directory");
}

TEST_P(CompileSecrets, ACourseTheBuildUserCannotReadIsTheGradersErrorNotTheStudents) {
  // A course in a folder only root may enter (as under /root, mode 0700).
  const fs::path closed = kWork / "closed";
  fs::remove_all(closed);
  const fs::path course = closed / "course";
  fs::create_directories(course);
  for (const char* part : {"assignments.yaml", "exercises", "cmake"})
    fs::copy(fs::path(IPCLAB_SOURCE_DIR) / part, course / part, fs::copy_options::recursive);
  const fs::path folder = GetParam() == "bubblewrap" ? course / "exercises" : closed;
  ::chmod(folder.c_str(), 0700);
  Grading grading = check(GetParam(), submission_with("// honest"), course);
  EXPECT_EQ(grading.exit_code, 4) << grading.console;
  const uid_t build_uid = grader::build_user_of(grader::configured_uid_range()).uid;
  EXPECT_THAT(grading.console,
              HasSubstr("compiles run as the unprivileged uid " + std::to_string(build_uid) +
                        " (the grader is root), which cannot "));
  const std::string fix = GetParam() == "bubblewrap" ? "chmod -R o+rX " : "chmod o+x ";
  EXPECT_THAT(grading.console, HasSubstr(": run `" + fix + folder.string() + "`"));
  ::chmod(folder.c_str(), 0755);
  fs::remove_all(closed);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompileSecrets, ::testing::Values("bubblewrap", "process"));

}  // namespace
