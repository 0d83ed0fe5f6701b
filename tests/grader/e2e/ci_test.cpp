// `grader ci` end to end, on a throwaway git repository holding a copy of the
// course: a pull request that edits a test, the provided driver and
// assignments.yaml is graded with the base's course and warned about; student
// output cannot forge workflow commands or the score; the workflow template
// only uses flags that exist.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e_support.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kWork = fs::path(e2e::work_dir()) / "ci";

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `program ARGS` with PATH, HOME and `env`, in `dir`.
Result run(const fs::path& program, const std::vector<std::string>& args,
           const std::vector<std::string>& env = {}, const fs::path& dir = {}) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = program;
  spec.args = args;
  spec.env = env;
  spec.working_dir = dir;
  for (const char* name : {"PATH", "HOME"}) {
    if (const char* value = std::getenv(name)) spec.env.push_back(std::string(name) + "=" + value);
  }
  ipclab::exec::RunOptions options;
  options.wall_time = 600s;
  options.output_cap_bytes = 8 << 20;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  return {result.status.exit_code, result.out, result.err};
}

void git(const fs::path& repo, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-c", "user.name=ci test", "-c", "user.email=ci@test"});
  Result result = run("/usr/bin/env", args, {}, repo);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

Result grader(const fs::path& course, std::vector<std::string> args,
              const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), {"--course", course.string(), "--work-dir", (kWork / "work").string(),
                             "--allow-advisory", "--lang", "en"});
  return run(IPCLAB_GRADER, args, env);
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

/// A copy of what grading pipe_ping_pong needs from the course (the kit is the
/// one built with the grader).
fs::path copy_course(const std::string& name) {
  fs::path course = kWork / name;
  fs::remove_all(course);
  fs::create_directories(course / "tests/exercises");
  for (const char* part : {"assignments.yaml", "exercises", "cmake", ".gitignore"}) {
    fs::copy(kSource / part, course / part, fs::copy_options::recursive);
  }
  fs::copy(kSource / "tests/exercises/pipe_ping_pong", course / "tests/exercises/pipe_ping_pong");
  return course;
}

void use_model_answer(const fs::path& course) {
  for (const char* file : {"connection.cpp", "ping_pong.cpp"}) {
    fs::copy_file(kSource / "solutions/pipe_ping_pong" / file,
                  course / "exercises/pipe_ping_pong" / file, fs::copy_options::overwrite_existing);
  }
}

/// A "pull request" on branch pr of a repository whose main is the course:
/// the model answer, plus edits a student must not make.
fs::path tampering_pull_request() {
  fs::path repo = copy_course("repo");
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "base"});
  git(repo, {"checkout", "-q", "-b", "pr"});
  use_model_answer(repo);
  std::string yaml = read(repo / "assignments.yaml");
  yaml.replace(yaml.find("points: 3"), 9, "points: 100");  // wire_format, committed
  write(repo / "assignments.yaml", yaml);
  git(repo, {"commit", "-q", "-am", "answers"});
  fs::path test = repo / "tests/exercises/pipe_ping_pong/visible_test.cpp";
  write(test, read(test) + "// the student was here\n");  // uncommitted
  write(repo / "exercises/pipe_ping_pong/driver.cpp", "#error replaced by the student\n");
  write(repo / "notes.txt", "untracked\n");
  return repo;
}

TEST(GraderCi, APullRequestThatEditsTestsIsGradedWithThePristineCourseAndWarned) {
  fs::path repo = tampering_pull_request();
  fs::path outputs = kWork / "github_output";
  fs::remove(outputs);
  Result ci =
      grader(repo,
             {"ci", "pipe_ping_pong", "--base", "main", "--junit", (kWork / "junit.xml").string(),
              "--gradescope", (kWork / "results.json").string()},
             {"GITHUB_OUTPUT=" + outputs.string()});
  // The provided driver comes from main (the replaced one would not compile),
  // and the model answer passes every visible test.
  EXPECT_EQ(ci.exit_code, 0) << ci.out << ci.err;
  for (const char* file : {"assignments.yaml", "exercises/pipe_ping_pong/driver.cpp", "notes.txt",
                           "tests/exercises/pipe_ping_pong/visible_test.cpp"}) {
    EXPECT_THAT(ci.err, HasSubstr(std::string("grader: warning: ") + file + " differs from main"));
  }
  EXPECT_THAT(ci.err, Not(HasSubstr("connection.cpp differs")));
  std::string lines = read(outputs);
  std::smatch max;
  ASSERT_TRUE(std::regex_search(lines, max, std::regex("max_score=([0-9.]+)\n"))) << lines;
  EXPECT_LT(std::stod(max[1]), 100) << "the points come from main's assignments.yaml";
  EXPECT_THAT(lines, HasSubstr("score=" + max[1].str() + "\n"));
  EXPECT_THAT(lines, HasSubstr("tampered=4\n"));
  EXPECT_THAT(read(kWork / "junit.xml"), HasSubstr("wire_format"));
  // What the Jenkins xUnit plugin accepts (tests/grader/schemas/README.md).
  const fs::path jenkins = kSource / "tests/grader/schemas/jenkins-xunit-junit-10.xsd";
  Result valid = run("/usr/bin/env", {"xmllint", "--noout", "--schema", jenkins.string(),
                                      (kWork / "junit.xml").string()});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  nlohmann::json gradescope = nlohmann::json::parse(read(kWork / "results.json"));
  EXPECT_EQ(gradescope.at("score").get<double>(), std::stod(max[1]));

  Result strict = grader(repo, {"ci", "pipe_ping_pong", "--base", "main", "--strict"});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
}

TEST(GraderCi, AnUnknownBaseIsAUsageError) {
  fs::path repo = kWork / "repo";
  if (!fs::exists(repo / ".git")) tampering_pull_request();
  Result ci = grader(repo, {"ci", "--base", "no-such-branch"});
  EXPECT_EQ(ci.exit_code, 2);
  EXPECT_THAT(ci.err, HasSubstr("grader: error: --base: no commit 'no-such-branch' in this "
                                "repository (fetch it first"));
}

/// Outside ::stop-commands:: fences, every line that looks like a workflow
/// command must be one of ours: error, warning or notice annotations.
void expect_no_forged_commands(const std::string& out) {
  std::istringstream lines(out);
  std::string fence;
  for (std::string line; std::getline(lines, line);) {
    std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
    if (!fence.empty()) {
      if (trimmed == "::" + fence + "::") fence.clear();
      continue;
    }
    if (trimmed.starts_with("::stop-commands::")) {
      fence = trimmed.substr(17);
      continue;
    }
    if (!trimmed.starts_with("::")) continue;
    EXPECT_TRUE(std::regex_search(trimmed, std::regex("^::(error|warning|notice)( [^:]*)?::")))
        << trimmed;
  }
  EXPECT_TRUE(fence.empty()) << "commands stay stopped after the report";
}

TEST(GraderCi, StudentOutputCannotForgeCommandsOrTheScore) {
  fs::path course = copy_course("injects");
  use_model_answer(course);
  fs::path connection = course / "exercises/pipe_ping_pong/connection.cpp";
  std::string code = read(kSource / "exercises/pipe_ping_pong/connection.cpp");
  code = read(connection);
  std::string forged =
      "\\n::set-output name=score::999\\n::error::forged by the student\\n"
      "%0A::add-mask::x\\n::stop-commands::x\\n";
  std::size_t at = code.find("Connection::poll(");
  ASSERT_NE(at, std::string::npos);
  at = code.find('{', at) + 1;
  code.insert(at, "\n  throw std::runtime_error(\"" + forged + "\");\n");
  write(connection, code);
  fs::path outputs = kWork / "inject_output";
  fs::path summary = kWork / "inject_summary.md";
  fs::remove(outputs);
  fs::remove(summary);
  Result ci = grader(course, {"ci", "pipe_ping_pong", "--junit", (kWork / "inject.xml").string()},
                     {"GITHUB_ACTIONS=true", "GITHUB_OUTPUT=" + outputs.string(),
                      "GITHUB_STEP_SUMMARY=" + summary.string()});
  EXPECT_EQ(ci.exit_code, 1) << ci.out << ci.err;
  EXPECT_THAT(ci.err, HasSubstr("no --base: graded the working tree as it is"));
  // The payload did reach the report: the test is not vacuous.
  EXPECT_THAT(read(kWork / "inject.xml"), HasSubstr("::set-output name=score::999"));
  EXPECT_THAT(ci.out, HasSubstr("::set-output name=score::999"));
  expect_no_forged_commands(ci.out);
  std::string lines = read(outputs);
  EXPECT_TRUE(std::regex_match(
      lines, std::regex("score=[0-9.]+\nmax_score=[0-9.]+\npassed=false\ntampered=0\n")))
      << lines;
  EXPECT_THAT(read(summary), HasSubstr("poll_semantics"));
}

TEST(GraderCi, HiddenTestsRunOnRequestAndNeverShowTheirMessages) {
  fs::path course = copy_course("stubs");  // every test fails: "... is not implemented yet"
  fs::path junit = kWork / "hidden.xml";
  Result ci = grader(course, {"ci", "pipe_ping_pong", "--hidden", "--junit", junit.string()},
                     {"GITHUB_ACTIONS=true"});
  EXPECT_EQ(ci.exit_code, 1) << ci.err;
  std::string report = read(junit);
  std::size_t start = report.find("name=\"large_messages\"");
  ASSERT_NE(start, std::string::npos) << report;
  std::string testcase = report.substr(start, report.find("</testcase>", start) - start);
  EXPECT_THAT(testcase, HasSubstr("<failure"));
  EXPECT_THAT(testcase, Not(HasSubstr("not implemented")));
  // --lang en: the course's texts and the harness's messages in English too.
  EXPECT_THAT(report, Not(HasSubstr("implementado")));
  EXPECT_THAT(report, HasSubstr("not implemented")) << "visible tests keep their messages";
  std::size_t line = ci.out.find("large_messages");
  ASSERT_NE(line, std::string::npos) << ci.out;
  std::string block = ci.out.substr(line, ci.out.find("hint:", line) - line);
  EXPECT_THAT(block, HasSubstr("hidden test: its details are not shown"));
  EXPECT_THAT(block, Not(HasSubstr("not implemented")));

  Result visible_only = grader(course, {"ci", "pipe_ping_pong"});
  EXPECT_THAT(visible_only.out, Not(HasSubstr("large_messages")));
}

/// The flags the workflow template passes to `grader ... ci`.
std::vector<std::string> workflow_flags() {
  std::string workflow = read(kSource / "templates/github/workflows/grade.yml");
  std::size_t start = workflow.find("/bin/grader\"");
  std::size_t end = workflow.find("\n\n", start);
  std::string invocation = workflow.substr(start, end - start);
  std::vector<std::string> flags;
  std::regex flag("--[a-z-]+");
  for (auto it = std::sregex_iterator(invocation.begin(), invocation.end(), flag);
       it != std::sregex_iterator(); ++it) {
    flags.push_back(it->str());
  }
  return flags;
}

TEST(GraderCi, TheWorkflowUsesOnlyFlagsThatExist) {
  std::string help = run(IPCLAB_GRADER, {"--help"}).out + run(IPCLAB_GRADER, {"ci", "--help"}).out;
  std::vector<std::string> flags = workflow_flags();
  EXPECT_GE(flags.size(), 4u);
  for (const std::string& flag : flags)
    EXPECT_THAT(help, HasSubstr(flag)) << flag;
  EXPECT_THAT(read(kSource / "templates/github/workflows/grade.yml"), HasSubstr(" ci --base "));
}

}  // namespace
