// GradingSession on fakes: a FakeProcessRunner for cmake and the harness, and
// SessionFiles that say which kit programs exist -- its paths (kit missing,
// build failed, sandbox refused, a normal grade) with exact outcomes and
// messages, and the exact commands it would have run.
#include "session/grading_session.hpp"

#include <fstream>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

std::string record(const std::string& outcome, const std::string& message) {
  return "{\"test\":\"pipe.wire\",\"outcome\":\"" + outcome + "\",\"message\":\"" + message +
         "\",\"duration_ms\":3}\n";
}

Sandbox bubblewrap_sandbox() {
  BwrapSettings bwrap;
  bwrap.bwrap = "/usr/bin/bwrap";
  bwrap.system = {{"/usr", {}}};
  return Sandbox({SandboxBackend::bubblewrap, false, "test"}, bwrap, {});
}

class GradingSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("grading_session_test");
    fs::remove_all(root_);
    fs::create_directories(root_ / "sub" / "pipe");
    std::ofstream(root_ / "sub" / "pipe" / "c.cpp") << "int x;\n";
    course_.root = root_ / "course";
    course_.exercises = {ExerciseSpec{.id = "pipe",
                                      .student_files = {"c.cpp"},
                                      .build_points = 1,
                                      .tests = {TestSpec{.id = "wire", .points = 4}}}};
    // cmake's configure step leaves a build tree, as the real one does.
    runner_.on_run = [this](const FakeProcessRunner::Call& call) {
      if (!call.spec.args.empty() && call.spec.args.at(0) == "-S") {
        std::ofstream(root_ / "ws" / "build" / "CMakeCache.txt") << "";
        std::ofstream(root_ / "ws" / "build" / "build.ninja") << "";
      }
    };
  }

  /// A session whose kit holds the programs in `kit_programs`.
  GradeReport grade(Sandbox sandbox = Sandbox::process_only()) {
    SessionFiles files{[this](const fs::path& p) { return kit_programs_.count(p.string()) > 0; },
                       [](const fs::path& p) { return fs::exists(p); }};
    GradingSession session(course_, Kit{"/kit"}, runner_, Toolchain{}, root_ / "work",
                           std::move(sandbox), files);
    GradingRequest request{
        Submission{Submission::Kind::folder, root_ / "sub", "sub"}, {}, Workspace{root_ / "ws"}};
    return session.grade(request, [this](const std::string& text) { progress_.push_back(text); });
  }

  /// The message of the GraderError grade() throws ("" if none).
  std::string grade_error(Sandbox sandbox = Sandbox::process_only()) {
    try {
      grade(std::move(sandbox));
    } catch (const GraderError& e) {
      return e.what();
    }
    return "";
  }

  fs::path root_;
  Course course_;
  FakeProcessRunner runner_;
  std::set<std::string> kit_programs_ = {"/kit/pipe_harness", "/kit/pipe_reference"};
  std::vector<std::string> progress_;
};

TEST_F(GradingSessionTest, AKitWithoutTheReferenceStopsBeforeAnythingRuns) {
  kit_programs_.erase("/kit/pipe_reference");
  EXPECT_EQ(grade_error(), "the kit has no pipe_reference (looked in /kit): rebuild the project");
  EXPECT_TRUE(runner_.calls.empty());
}

TEST_F(GradingSessionTest, AFailedBuildFailsTheExerciseAndRunsNoTest) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(1, "c.cpp:1:7: error: expected ';'\n"));
  GradeReport report = grade();
  ASSERT_EQ(runner_.calls.size(), 2u) << "no harness runs for a build that failed";
  ASSERT_EQ(report.exercises.size(), 1u);
  const ExerciseGrade& pipe = report.exercises[0];
  EXPECT_FALSE(pipe.build.ok);
  EXPECT_EQ(pipe.build.score, 0);
  ASSERT_EQ(pipe.tests.size(), 1u);
  EXPECT_EQ(pipe.tests[0].outcome, Outcome::build_failed);
  EXPECT_EQ(pipe.tests[0].message, "not run: the student files of pipe do not compile");
  EXPECT_EQ(report.score, 0);
  EXPECT_EQ(report.max_score, 5);
}

TEST_F(GradingSessionTest, ASandboxThatRefusesTheCompilerStopsTheGrading) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  ipclab::exec::ProcessResult refused = FakeProcessRunner::exited(1);
  refused.err = "bwrap: Creating new namespace failed: Operation not permitted\n";
  runner_.then(refused);
  EXPECT_EQ(grade_error(bubblewrap_sandbox()),
            "cannot build in the sandbox: the sandbox could not start /usr/bin/cmake: bwrap: "
            "Creating new namespace failed: Operation not permitted (see `grader doctor`)");
  EXPECT_EQ(runner_.calls.back().spec.executable, "/usr/bin/bwrap");
}

TEST_F(GradingSessionTest, ASandboxThatRefusesTheHarnessLeavesTheTestUnresolved) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(0));  // build
  ipclab::exec::ProcessResult refused = FakeProcessRunner::exited(1);
  refused.err = "bwrap: Can't mount proc on /newroot/proc: Operation not permitted\n";
  runner_.then(refused);
  GradeReport report = grade(bubblewrap_sandbox());
  const TestGrade& wire = report.exercises.at(0).tests.at(0);
  EXPECT_EQ(wire.outcome, Outcome::unresolved);
  EXPECT_EQ(wire.message,
            "the sandbox could not start /kit/pipe_harness: bwrap: Can't mount proc on "
            "/newroot/proc: Operation not permitted (see `grader doctor`)");
  EXPECT_TRUE(report.unresolved());
  EXPECT_EQ(report.score, 1) << "the build still earns its point";
}

TEST_F(GradingSessionTest, ANormalGradeBuildsRunsAndScores) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(0));  // build
  runner_.then(FakeProcessRunner::exited(0, "", record("passed", "")));
  GradeReport report = grade();
  const std::string ws = (root_ / "ws").string();
  std::vector<std::string> lines = runner_.command_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "/usr/bin/cmake --build " + ws + "/build --target pipe_student");
  EXPECT_EQ(lines[2], "/kit/pipe_harness --gtest_filter=pipe.wire --gtest_brief=1");
  EXPECT_THAT(runner_.calls[2].spec.env,
              ::testing::Contains("IPCLAB_STUDENT_DRIVER=" + ws + "/build/pipe_student"));
  EXPECT_EQ(progress_,
            (std::vector<std::string>{"building 1 exercise(s) in " + ws, "[1/1] pipe/wire"}));
  EXPECT_EQ(report.submission, "sub");
  EXPECT_EQ(report.sandbox, Sandbox::process_only().description());
  const TestGrade& wire = report.exercises.at(0).tests.at(0);
  EXPECT_EQ(wire.outcome, Outcome::passed);
  EXPECT_EQ(wire.score, 4);
  EXPECT_EQ(report.score, 5);
  EXPECT_EQ(report.max_score, 5);
  EXPECT_TRUE(report.all_passed());
}

TEST_F(GradingSessionTest, AFailedTestKeepsTheHarnessMessage) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(0));  // build
  runner_.then(FakeProcessRunner::exited(0, "", record("failed", "lost message 3")));
  GradeReport report = grade();
  const TestGrade& wire = report.exercises.at(0).tests.at(0);
  EXPECT_EQ(wire.outcome, Outcome::failed);
  EXPECT_EQ(wire.message, "lost message 3");
  EXPECT_EQ(report.score, 1);
}

}  // namespace
}  // namespace grader
