// The hostile-submission suite: each program of programs/ is the model answer
// of pipe_ping_pong with hostile code added, graded by the real grader on each
// sandbox backend. It asserts what the report says, that a forged result
// never counts, and that nothing of the run survives it (docs/hostile.md).
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "exec/orphan_reaper.hpp"
#include "exec/process_runner.hpp"
#include "residue.hpp"
#include "sandbox/uid_slots.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace hostile_suite;

struct Program {
  std::string name;
  std::string description;
  std::string test;
  std::vector<std::string> outcomes;  ///< any of these is right
  std::string message;                ///< the test's message must contain it
  std::string note;                   ///< one of the test's notes must contain it
  std::string message_lacks;          ///< the test's message must not contain it
  std::string note_lacks;             ///< no note of the test may contain it
  /// The mistake of tests/mistakes/pipe_ping_pong whose connection.cpp the
  /// attack is added to (default: the model answer). An attack on a wrong
  /// answer must not earn what the wrong answer alone does not.
  std::string base;
  std::vector<std::string> uncontained_on;
  /// Contained on these backends only when drivers get a uid of their own per
  /// test (the grader is root); not run there otherwise.
  std::vector<std::string> needs_own_uid_on;
  /// Backends where it runs only with a memory cgroup per run (what bounds
  /// files written to a tmpfs the host shares: their pages are charged to it).
  std::vector<std::string> needs_memory_cgroup_on;
  std::string why;
  /// Run only where the test's processes are bounded: a pids cgroup, or
  /// RLIMIT_NPROC on a uid of the test's own.
  bool needs_process_bound = false;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Program load(const fs::path& dir) {
  YAML::Node yaml = YAML::LoadFile((dir / "hostile.yaml").string());
  Program p{dir.filename(), yaml["description"].as<std::string>(), yaml["test"].as<std::string>(),
            yaml["outcome"].as<std::vector<std::string>>()};
  if (yaml["message"]) p.message = yaml["message"].as<std::string>();
  if (yaml["note"]) p.note = yaml["note"].as<std::string>();
  if (yaml["message_lacks"]) p.message_lacks = yaml["message_lacks"].as<std::string>();
  if (yaml["note_lacks"]) p.note_lacks = yaml["note_lacks"].as<std::string>();
  if (yaml["base"]) p.base = yaml["base"].as<std::string>();
  if (yaml["uncontained_on"])
    p.uncontained_on = yaml["uncontained_on"].as<std::vector<std::string>>();
  if (yaml["needs_own_uid_on"])
    p.needs_own_uid_on = yaml["needs_own_uid_on"].as<std::vector<std::string>>();
  if (yaml["needs_memory_cgroup_on"])
    p.needs_memory_cgroup_on = yaml["needs_memory_cgroup_on"].as<std::vector<std::string>>();
  if (yaml["why"]) p.why = yaml["why"].as<std::string>();
  if (yaml["needs_process_bound"]) p.needs_process_bound = yaml["needs_process_bound"].as<bool>();
  return p;
}

std::vector<std::string> program_names() {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(HOSTILE_PROGRAMS_DIR)) {
    if (fs::exists(entry.path() / "hostile.yaml")) names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ipclab::exec::ProcessResult run(const std::string& program, std::vector<std::string> args,
                                std::chrono::seconds wall) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = program;
  spec.args = std::move(args);
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + std::string(std::getenv("HOME"))};
  ipclab::exec::RunOptions options;
  options.wall_time = wall;
  options.output_cap_bytes = 4 << 20;
  ipclab::exec::SystemProcessRunner runner;
  return runner.run(spec, options);
}

bool bubblewrap_works() {
  static const bool works = [] {
    try {
      return run("/usr/bin/bwrap",
                 {"--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"},
                 std::chrono::seconds(10))
                 .status.exit_code == 0;
    } catch (const std::exception&) {
      return false;
    }
  }();
  return works;
}

/// What `grader doctor --json` says about this machine.
const json& doctor() {
  static const json facts = [] {
    auto doctor = run(IPCLAB_GRADER, {"--course", IPCLAB_SOURCE_DIR, "doctor", "--json"},
                      std::chrono::seconds(60));
    try {
      return json::parse(doctor.out);
    } catch (const std::exception&) {
      return json::object();
    }
  }();
  return facts;
}

/// Whether the grader gives every test's tree a pids cgroup here.
bool pids_cgroup_works() {
  return doctor().value("/cgroups/pids"_json_pointer, false);
}

bool memory_cgroup_works() {
  return doctor().value("/cgroups/memory"_json_pointer, false);
}

/// Whether the drivers of every test run as a uid of their own (grader as root).
bool own_uid_per_test() {
  return doctor().value("/driver_uids/per_test"_json_pointer, false);
}

/// The mistakes of pipe_ping_pong as files (tests/mistakes stores them as
/// edits of the model answer), written once by `grader selftest --write-mistakes`.
fs::path written_mistakes() {
  static const fs::path folder = [] {
    const fs::path out = fs::path(HOSTILE_WORK_DIR) / "mistakes";
    auto written = run(IPCLAB_GRADER,
                       {"--course", IPCLAB_SOURCE_DIR, "selftest", "--write-mistakes", out.string(),
                        "pipe_ping_pong"},
                       std::chrono::seconds(60));
    if (written.status.exit_code != 0)
      throw std::runtime_error("grader selftest --write-mistakes failed: " + written.err);
    return out / "pipe_ping_pong";
  }();
  return folder;
}

/// The submission folder every program is written to in turn: one grader
/// workspace, so only connection.cpp is rebuilt between programs.
fs::path write_submission(const std::string& name, const std::string& base = "") {
  fs::path dir = fs::path(HOSTILE_WORK_DIR) / "submission" / "pipe_ping_pong";
  fs::create_directories(dir);
  fs::path model = fs::path(IPCLAB_SOURCE_DIR) / "solutions" / "pipe_ping_pong";
  fs::path from = base.empty() ? model : written_mistakes() / base;
  std::string source = read_file(from / "connection.cpp") +
                       read_file(fs::path(HOSTILE_PROGRAMS_DIR) / "common.inc") +
                       read_file(fs::path(HOSTILE_PROGRAMS_DIR) / name / "attack.cpp");
  if (read_file(dir / "connection.cpp") != source) std::ofstream(dir / "connection.cpp") << source;
  if (!fs::exists(dir / "ping_pong.cpp"))
    fs::copy_file(model / "ping_pong.cpp", dir / "ping_pong.cpp");
  return dir.parent_path();
}

std::vector<std::string> check_args(const std::string& backend, const fs::path& submission,
                                    const std::string& test, const fs::path& report) {
  // LANG=C.UTF-8 names no language, so the course's (Spanish) would be spoken.
  return {"--lang",       "en",
          "--course",     IPCLAB_SOURCE_DIR,
          "--work-dir",   std::string(HOSTILE_WORK_DIR) + "/grader",
          "--sandbox",    backend,
          "check",        "pipe_ping_pong",
          "--submission", submission,
          "--test",       test,
          "--json",       report};
}

/// A sleeping process of `uid` that hostile code must not reach (root only).
class Canary {
 public:
  explicit Canary(uid_t uid) {
    if (::geteuid() != 0) return;
    // Registered with the runner's orphan reaper, which kills unknown children.
    auto& reaper = ipclab::exec::OrphanReaper::instance();
    auto lock = reaper.launch_lock();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::setgid(uid) == 0 && ::setuid(uid) == 0) ::pause();
      ::_exit(0);
    }
    reaper.adopt(pid_);
  }
  ~Canary() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    ipclab::exec::OrphanReaper::instance().release(pid_);
  }
  bool alive() const { return pid_ <= 0 || ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

/// A concurrent grading, as hostile code would see it: a slot of the
/// grading range held (so the run under test gets another uid) and a
/// process of that slot's uid. Where the grader is not root, nothing.
class NeighbourGrading {
 public:
  NeighbourGrading() {
    if (!own_uid_per_test()) return;
    slot_ = std::make_unique<grader::UidSlot>(grader::UidSlots().acquire());
    canary_ = std::make_unique<Canary>(slot_->uid());
  }
  bool alive() const { return !canary_ || canary_->alive(); }
  uid_t uid() const { return slot_ ? slot_->uid() : 0; }

 private:
  // Pointers, not std::optional: GCC 12 warns (-Wmaybe-uninitialized) about
  // an optional that holds a class with a user-declared destructor.
  std::unique_ptr<grader::UidSlot> slot_;
  std::unique_ptr<Canary> canary_;
};

/// A file only root may read, with a secret no output may ever carry: the
/// attacks that reach for the host's files (a chmod through a symlink, a
/// read as root) aim at such files. Root only (elsewhere the attacker is the
/// grader's own user, who may read it anyway).
class RootSecret {
 public:
  static constexpr const char* kPath = "/var/tmp/ipclab-hostile-secret";
  RootSecret() {
    if (::geteuid() != 0) return;
    fs::remove(kPath);
    text_ = "ipclab-secret-" + std::to_string(::getpid()) + "-" + std::to_string(::time(nullptr));
    std::ofstream(kPath) << text_ << "\n";
    fs::permissions(kPath, fs::perms::owner_read | fs::perms::owner_write);
  }
  ~RootSecret() {
    std::error_code ec;
    if (!text_.empty()) fs::remove(kPath, ec);
  }
  /// Empty when the secret file is as it was; else what changed.
  std::string tampered() const {
    if (text_.empty()) return "";
    struct stat info {};
    if (::lstat(kPath, &info) != 0) return "it is gone";
    if (!S_ISREG(info.st_mode) || info.st_uid != 0 || (info.st_mode & 07777) != 0600) {
      return "its mode or owner changed (mode " + std::to_string(info.st_mode & 07777) + ")";
    }
    return "";
  }
  /// True when `output` carries the secret.
  bool leaked_into(const std::string& output) const {
    return !text_.empty() && output.find(text_) != std::string::npos;
  }

 private:
  std::string text_;
};

/// Waits up to `budget` for the hostile processes of the run to be gone.
Residue settle(std::chrono::milliseconds budget) {
  Residue now = take_residue();
  for (auto waited = std::chrono::milliseconds(0); !now.processes.empty() && waited < budget;
       waited += std::chrono::milliseconds(100)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    now = take_residue();
  }
  return now;
}

const json* test_in(const json& report, const std::string& id) {
  for (const json& exercise : report.at("exercises")) {
    for (const json& test : exercise.at("tests")) {
      if (test.at("id") == id) return &test;
    }
  }
  return nullptr;
}

using Param = std::tuple<std::string, std::string>;  // program, backend

class Hostile : public testing::TestWithParam<Param> {};

TEST_P(Hostile, IsReportedAndContained) {
  const auto& [name, backend] = GetParam();
  Program program = load(fs::path(HOSTILE_PROGRAMS_DIR) / name);
  if (backend == "bubblewrap" && !bubblewrap_works())
    GTEST_SKIP() << "bubblewrap does not work on this machine (see `grader doctor`)";
  if (std::count(program.uncontained_on.begin(), program.uncontained_on.end(), backend) != 0)
    GTEST_SKIP() << "not run on the " << backend << " backend: " << program.why;
  bool needs_own_uid =
      std::count(program.needs_own_uid_on.begin(), program.needs_own_uid_on.end(), backend) != 0;
  if (needs_own_uid && !own_uid_per_test())
    GTEST_SKIP() << "not run on the " << backend
                 << " backend: the grader is not root here, so drivers do not get a uid of their "
                    "own per test: "
                 << program.why;
  if (std::count(program.needs_memory_cgroup_on.begin(), program.needs_memory_cgroup_on.end(),
                 backend) != 0 &&
      !memory_cgroup_works())
    GTEST_SKIP() << "not run on the " << backend
                 << " backend: no memory cgroup per run here (see `grader doctor`): "
                 << program.why;
  if (program.needs_process_bound && !pids_cgroup_works() && !own_uid_per_test())
    GTEST_SKIP() << "not run: neither a pids cgroup nor a uid of its own per test (the grader "
                    "is not root) bounds the test's processes here (see `grader doctor`): "
                 << program.why;

  fs::path submission = write_submission(name, program.base);
  fs::path report_file = fs::path(HOSTILE_WORK_DIR) / (name + "-" + backend + ".json");
  fs::remove(report_file);
  RootSecret secret;
  Residue before = take_residue();
  Canary canary(65534);  // nobody: a shared user outside the run
  NeighbourGrading neighbour;
  auto grading = run(IPCLAB_GRADER, check_args(backend, submission, program.test, report_file),
                     std::chrono::seconds(300));
  Residue after = settle(std::chrono::seconds(3));
  std::string left = new_residue(before, after);
  clean_up(before, after);

  ASSERT_EQ(grading.termination, ipclab::exec::Termination::exited)
      << program.description << ": the grader did not end by itself\n"
      << grading.err;
  ASSERT_THAT(grading.status.exit_code, testing::AnyOf(0, 1)) << grading.out << grading.err;
  EXPECT_TRUE(canary.alive()) << "a process of user nobody outside the run was killed";
  EXPECT_TRUE(neighbour.alive()) << "a process of another grading's uid (" << neighbour.uid()
                                 << ") was killed";
  EXPECT_EQ(left, "") << "left behind by " << program.description;
  EXPECT_EQ(secret.tampered(), "") << "a root-only file was changed by " << program.description;
  std::string report_text = read_file(report_file);
  EXPECT_FALSE(secret.leaked_into(grading.out + grading.err + report_text))
      << "a root-only file's content reached the grader's output";
  json report = json::parse(report_text);
  EXPECT_EQ(report.at("unresolved"), false) << grading.out;
  const json* test = test_in(report, program.test);
  ASSERT_NE(test, nullptr) << grading.out;
  std::string outcome = test->at("outcome");
  EXPECT_THAT(program.outcomes, testing::Contains(outcome)) << grading.out;
  // A forged result never counts: only a pass earns points, and only its own.
  double earned = test->at("score"), max = test->at("max_score");
  EXPECT_EQ(earned, outcome == "passed" ? max : 0.0) << grading.out;
  EXPECT_THAT(test->at("message").get<std::string>(), testing::HasSubstr(program.message))
      << grading.out;
  if (!program.message_lacks.empty()) {
    EXPECT_THAT(test->at("message").get<std::string>(),
                testing::Not(testing::HasSubstr(program.message_lacks)))
        << grading.out;
  }
  if (!program.note_lacks.empty()) {
    EXPECT_THAT(test->value("notes", json::array()).dump(),
                testing::Not(testing::HasSubstr(program.note_lacks)))
        << grading.out;
  }
  if (!program.note.empty()) {
    EXPECT_THAT(test->value("notes", json::array()).dump(), testing::HasSubstr(program.note))
        << grading.out;
  }
}

/// SIGKILL to the grader in the middle of a run: its sandbox and every
/// student process must be gone within seconds (§10.30).
class GraderDeath : public testing::TestWithParam<std::string> {};

TEST_P(GraderDeath, LeavesNoStudentProcessBehind) {
  const std::string backend = GetParam();
  if (backend == "bubblewrap" && !bubblewrap_works())
    GTEST_SKIP() << "bubblewrap does not work on this machine (see `grader doctor`)";
  fs::path submission = write_submission("sleep_forever");
  Residue before = take_residue();
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = check_args(backend, submission, "wire_format",
                         fs::path(HOSTILE_WORK_DIR) / "grader-death.json");
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8"};
  ipclab::exec::Child grader = ipclab::exec::spawn(spec);
  bool started = false;
  for (int i = 0; i < 1200 && !started && !grader.try_wait(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    started = !new_residue(before, take_residue()).empty();
  }
  ASSERT_TRUE(started) << "the hostile driver never started";
  ::kill(grader.pid(), SIGKILL);
  grader.wait();
  Residue after = settle(std::chrono::seconds(3));
  std::string left = new_residue(before, after);
  clean_up(before, after);
  EXPECT_EQ(left, "") << "still running 3 s after the grader was killed";
}

INSTANTIATE_TEST_SUITE_P(Backends, GraderDeath, testing::Values("process", "bubblewrap"));

std::vector<Param> params() {
  std::vector<Param> all;
  for (const std::string& name : program_names()) {
    for (const char* backend : {"process", "bubblewrap"})
      all.emplace_back(name, backend);
  }
  return all;
}

INSTANTIATE_TEST_SUITE_P(Programs, Hostile, testing::ValuesIn(params()),
                         [](const testing::TestParamInfo<Param>& info) {
                           return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

}  // namespace
