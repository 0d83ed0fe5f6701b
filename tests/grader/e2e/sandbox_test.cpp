// The bubblewrap backend, end to end, with hostile submissions: a model answer
// with an attack in a static initialiser (it runs in every driver before
// main). Each test is skipped, with the reason, where `grader doctor` says the
// bubblewrap backend does not work; none passes silently.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"
#include "exec/child.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;

/// Why the bubblewrap backend cannot be tested here ("" when it can).
std::string bubblewrap_missing() {
  static const std::string why = [] {
    e2e::GraderRun doctor = e2e::grader({"doctor", "--json"});
    json report = json::parse(doctor.out, nullptr, false);
    if (report.is_discarded()) return "grader doctor --json printed no JSON: " + doctor.err;
    if (report.at("backend") == "bubblewrap") return std::string();
    return "the bubblewrap backend does not work here: " + report.at("reason").get<std::string>();
  }();
  return why;
}

#define REQUIRE_BUBBLEWRAP()                                                       \
  do {                                                                             \
    if (std::string why = bubblewrap_missing(); !why.empty()) GTEST_SKIP() << why; \
  } while (false)

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A pipe_ping_pong submission: the model answer plus `attack` appended to
/// connection.cpp, with @SOURCE@ replaced by the course folder.
std::string hostile_submission(const std::string& name, std::string attack) {
  const std::string source = IPCLAB_SOURCE_DIR;
  for (std::size_t at; (at = attack.find("@SOURCE@")) != std::string::npos;)
    attack.replace(at, 8, source);
  fs::path dir = fs::path(e2e::work_dir()) / "hostile-submissions" / name / "pipe_ping_pong";
  fs::create_directories(dir);
  fs::path solutions = source + "/solutions/pipe_ping_pong";
  fs::copy_file(solutions / "ping_pong.cpp", dir / "ping_pong.cpp",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "connection.cpp") << read_file(solutions / "connection.cpp") << "\n"
                                        << attack;
  return dir.parent_path().string();
}

/// Names of the live processes called `comm`.
int processes_named(const std::string& comm) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string status = read_file(entry.path() / "stat");
    if (status.find("(" + comm + ")") != std::string::npos &&
        status.find(") Z") == std::string::npos) {
      ++count;
    }
  }
  return count;
}

/// A TCP listener on 127.0.0.1 of the host (the grader's network).
struct HostListener {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int port = 0;
  HostListener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd, 16);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port = ntohs(address.sin_port);
  }
  ~HostListener() { ::close(fd); }
  bool was_reached() const {
    int client = ::accept(fd, nullptr, nullptr);
    if (client >= 0) ::close(client);
    return client >= 0;
  }
};

// Runs once per harness run (a marker in the drivers' folder): looks for what
// the sandbox must hide, writes outside its folder, connects to the host, and
// leaves a setsid()ed sleeper behind. Anything reached -> abort() -> the tests crash.
const char* kSnoop = R"(
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <cstdio>
#include <cstdlib>
namespace {
struct SandboxSnoop {
  SandboxSnoop() {
    if (::access("snoop.done", F_OK) == 0) return;
    ::close(::open("snoop.done", O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    bool reached = false;
    for (const char* path : {"@SOURCE@/solutions/pipe_ping_pong/connection.cpp",
                             "@SOURCE@/tests/exercises/pipe_ping_pong/hidden_test.cpp",
                             "@SOURCE@/reference", "@SOURCE@/.git", "@SOURCE@/assignments.yaml"}) {
      if (::access(path, F_OK) == 0) reached = !!std::fprintf(stderr, "reached %s\n", path);
    }
    for (const char* path : {"@CANARY_TMP@", "@CANARY_SHM@"}) {
      ::open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);  // the test looks for them on the host
    }
    int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(@PORT@);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
      reached = !!std::fprintf(stderr, "reached the host's 127.0.0.1\n");
    }
    if (::fork() == 0) {
      ::setsid();
      if (::fork() == 0) {
        ::prctl(PR_SET_NAME, "ipclab-escapee");
        for (;;) ::pause();
      }
      ::_exit(0);
    }
    ::wait(nullptr);
    if (reached) std::abort();
  }
} snoop;
}  // namespace
)";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at; (at = text.find(from)) != std::string::npos;)
    text.replace(at, from.size(), to);
  return text;
}

TEST(SandboxEndToEnd, ARunSeesNeitherTheCourseNorTheHostNorTheNetworkAndLeavesNothing) {
  REQUIRE_BUBBLEWRAP();
  HostListener listener;
  const std::string tag = std::to_string(::getpid());
  const fs::path canary_tmp = "/tmp/ipclab-sandbox-canary-" + tag;
  const fs::path canary_shm = "/dev/shm/ipclab-sandbox-canary-" + tag;
  std::string attack = replace_all(kSnoop, "@PORT@", std::to_string(listener.port));
  attack = replace_all(attack, "@CANARY_TMP@", canary_tmp.string());
  attack = replace_all(attack, "@CANARY_SHM@", canary_shm.string());
  std::string folder = hostile_submission("snoop", attack);

  e2e::GraderRun run = e2e::grader({"check", "pipe_ping_pong", "--submission", folder});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  EXPECT_THAT(run.report.at("sandbox").get<std::string>(), HasSubstr("bubblewrap"));
  EXPECT_EQ(run.report.at("score"), run.report.at("max_score")) << run.out;
  EXPECT_FALSE(fs::exists(canary_tmp)) << "wrote to the host's /tmp";
  EXPECT_FALSE(fs::exists(canary_shm)) << "wrote to the host's /dev/shm";
  EXPECT_FALSE(listener.was_reached()) << "reached the host's network";
  EXPECT_EQ(processes_named("ipclab-escapee"), 0) << "a setsid() sleeper outlived its test";

  // The same submission without namespaces reaches the course: the checks above can fail.
  e2e::GraderRun advisory =
      e2e::grader({"--sandbox", "process", "check", "pipe_ping_pong", "--submission", folder});
  EXPECT_EQ(advisory.exit_code, 1) << advisory.out;
  EXPECT_THAT(advisory.out, HasSubstr("reached "));
  fs::remove(canary_tmp);
  fs::remove(canary_shm);
  EXPECT_EQ(processes_named("ipclab-escapee"), 0);
}

/// A process of the host's `nobody` (the user drivers ran as before they got
/// a uid of their own per test, and still a user every grading could reach), sleeping.
/// Started through the runner's spawn(), so this process's orphan reaper
/// leaves it alone.
ipclab::exec::Child host_nobody_sleeper() {
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/bin/sleep";
  spec.args = {"600"};
  spec.run_as = ipclab::exec::Credentials{65534, 65534};
  spec.working_dir = "/";
  return ipclab::exec::spawn(spec, {false, false, false, {}});
}

/// A static initialiser that sends SIGKILL to every process it may signal.
const char* const kKillEveryone = R"(
#include <signal.h>
namespace {
struct KillEveryone {
  KillEveryone() { ::kill(-1, SIGKILL); }
} kill_everyone;
}  // namespace
)";

TEST(SandboxEndToEnd, KillMinusOneInADriverKillsOnlyThatTestsProcesses) {
  REQUIRE_BUBBLEWRAP();
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to start a bystander as nobody";
  ipclab::exec::Child bystander = host_nobody_sleeper();
  std::string folder = hostile_submission("kill_all", kKillEveryone);
  e2e::GraderRun run = e2e::grader(
      {"check", "pipe_ping_pong", "--all", "--test", "ping_pong_game", "--submission", folder});
  ASSERT_FALSE(run.report.is_null()) << "the grader did not survive: " << run.err;
  EXPECT_THAT(run.out, HasSubstr("ping_pong_game"));
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(bystander.try_wait().has_value()) << "kill(-1) reached a process of the host";
}

/// A driver's kill(-1) on the process backend, which has no PID namespace:
/// as root the drivers run as a uid of the test's own, so it reaches only
/// that test. (Not run as another user: drivers would share the grader's.)
TEST(SandboxEndToEnd, KillMinusOneOnTheProcessBackendAsRootKillsOnlyThatTestsProcesses) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root: only then do drivers get a uid of their own";
  ipclab::exec::Child bystander = host_nobody_sleeper();
  std::string folder = hostile_submission("kill_all_process", kKillEveryone);
  e2e::GraderRun run = e2e::grader({"--sandbox", "process", "check", "pipe_ping_pong", "--all",
                                    "--test", "ping_pong_game", "--submission", folder});
  // (No JSON report: e2e::grader() asks for one only when "check" comes first.)
  ASSERT_THAT(run.exit_code, testing::AnyOf(0, 1)) << "the grader did not survive: " << run.err;
  EXPECT_THAT(run.out, HasSubstr("ping_pong_game"));
  EXPECT_THAT(run.out, HasSubstr("a uid of their own per test"));
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(bystander.try_wait().has_value()) << "kill(-1) reached a process of the host";
}

/// `grader ARGS` with its own work folder and JSON report, for parallel runs.
e2e::GraderRun grader_alone(const std::string& name, std::vector<std::string> args) {
  ipclab::exec::SystemProcessRunner runner;
  fs::path work = fs::path(e2e::work_dir()) / ("alone-" + name);
  fs::path report = work / "report.json";
  fs::create_directories(work);
  fs::remove(report);
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course", IPCLAB_SOURCE_DIR, "--work-dir", work.string(), "--lang", "en"};
  spec.args.insert(spec.args.end(), args.begin(), args.end());
  spec.args.insert(spec.args.end(), {"--json", report.string()});
  spec.env = {"PATH=/usr/bin:/bin"};  // no locale: the course's Spanish, unless --lang
  ipclab::exec::RunOptions options;
  options.wall_time = 600s;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  e2e::GraderRun run{result.status.exit_code, result.out, result.err, {}};
  if (std::ifstream in(report); in) run.report = json::parse(in);
  return run;
}

TEST(SandboxEndToEnd, AForkBombIsContainedAndAParallelGradingIsUnaffected) {
  REQUIRE_BUBBLEWRAP();
  std::string folder = hostile_submission("fork_bomb", R"(
#include <signal.h>
#include <sys/prctl.h>
namespace {
struct ForkBomb {
  ForkBomb() {
    if (::access("bomb.done", F_OK) == 0) return;
    ::close(::open("bomb.done", O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    for (int i = 0; i < 100000; ++i) {
      pid_t pid = ::fork();
      if (pid < 0) break;
      if (pid == 0) {
        ::prctl(PR_SET_NAME, "ipclab-bomblet");
        for (;;) ::pause();
      }
    }
  }
} fork_bomb;
}  // namespace
)");
  const std::vector<std::string> one_test = {"check", "pipe_ping_pong", "--test", "wire_format"};
  e2e::GraderRun bomb, honest;
  std::thread bomber([&] {
    std::vector<std::string> args = one_test;
    args.insert(args.end(), {"--submission", folder});
    bomb = grader_alone("bomb", args);
  });
  std::vector<std::string> args = one_test;
  args.insert(args.end(), {"--submission", std::string(IPCLAB_SOURCE_DIR) + "/solutions"});
  honest = grader_alone("honest", args);
  bomber.join();
  EXPECT_EQ(honest.exit_code, 0) << honest.out << honest.err;
  // The bomb's own test may even pass: what matters is that it ends, is named,
  // and takes nothing and nobody else with it.
  ASSERT_FALSE(bomb.report.is_null()) << bomb.err;
  std::string notes = bomb.report.dump();
  EXPECT_THAT(notes, HasSubstr("process limit")) << bomb.out;
  EXPECT_EQ(processes_named("ipclab-bomblet"), 0) << "the bomb outlived its test";
}

}  // namespace

namespace {

/// The build's report of a pipe_ping_pong submission whose connection.cpp
/// starts with `line`.
json build_with_first_line(const std::string& name, const std::string& line) {
  std::string folder = hostile_submission(name, "");
  fs::path file = fs::path(folder) / "pipe_ping_pong" / "connection.cpp";
  std::string text = line + "\n" + read_file(file);
  std::ofstream(file) << text;
  e2e::GraderRun run = e2e::grader({"check", "pipe_ping_pong", "--submission", folder});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  if (run.report.is_null()) return json::object();
  return run.report.at("exercises").at(0).at("build");
}

TEST(SandboxEndToEnd, TheCompilerSeesNeitherModelAnswersNorHiddenTestsNorDevices) {
  REQUIRE_BUBBLEWRAP();
  const std::string source = IPCLAB_SOURCE_DIR;
  for (const auto& [name, include] : std::vector<std::pair<std::string, std::string>>{
           {"include_solution", source + "/solutions/pipe_ping_pong/ping_pong.cpp"},
           {"include_hidden_test", source + "/tests/exercises/pipe_ping_pong/hidden_test.cpp"},
           {"include_dev_zero", "/dev/zero"}}) {
    SCOPED_TRACE(name);
    json build = build_with_first_line(name, "#include \"" + include + "\"");
    ASSERT_TRUE(build.contains("ok")) << build.dump();
    EXPECT_FALSE(build.at("ok").get<bool>());
    EXPECT_THAT(build.dump(), HasSubstr("No such file or directory")) << build.dump();
  }
}

}  // namespace

namespace {

TEST(SandboxEndToEnd, AHangingTestIsStoppedWithEverythingItStarted) {
  REQUIRE_BUBBLEWRAP();
  std::string folder = hostile_submission("hang_and_escape", R"(
#include <sys/prctl.h>
#include <sys/wait.h>
namespace {
struct HangAndEscape {
  HangAndEscape() {
    if (::fork() == 0) {
      ::setsid();
      if (::fork() == 0) {
        ::prctl(PR_SET_NAME, "ipclab-hangsleep");
        for (;;) ::pause();
      }
      ::_exit(0);
    }
    ::wait(nullptr);
    for (;;) ::pause();  // the driver never answers
  }
} hang_and_escape;
}  // namespace
)");
  e2e::GraderRun run =
      e2e::grader({"check", "pipe_ping_pong", "--test", "wire_format", "--submission", folder});
  ASSERT_FALSE(run.report.is_null()) << run.err;
  EXPECT_NE(e2e::test_of(run.report, "wire_format").at("outcome"), "passed");
  EXPECT_EQ(processes_named("ipclab-hangsleep"), 0) << "a setsid() sleeper outlived its test";
}

}  // namespace
