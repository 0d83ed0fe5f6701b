#include "compile/builder.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

class BuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("builder_test");
    fs::remove_all(root_);
    fs::create_directories(root_ / "sub" / "pipe");
    std::ofstream(root_ / "sub" / "pipe" / "c.cpp") << "int x;\n";
    course_.root = root_ / "course";
    course_.exercises = {ExerciseSpec{.id = "pipe", .student_files = {"c.cpp"}},
                         ExerciseSpec{.id = "counter", .student_files = {"k.cpp"}}};
    fs::create_directories(course_.root / "exercises" / "counter");
    std::ofstream(course_.root / "exercises" / "counter" / "k.cpp") << "// starter\n";
  }

  BuildPlan plan(const Selection& selection = {}) {
    Submission submission{Submission::Kind::folder, root_ / "sub", "sub"};
    return plan_build(course_, submission, {root_ / "ws"}, selection,
                      Toolchain{"/usr/bin/cmake", "Ninja"},
                      [](const fs::path& p) { return fs::exists(p); });
  }

  /// pipe gets a test that asks for the sanitizer build.
  void add_sanitized_test() {
    course_.exercises[0].tests = {TestSpec{.id = "fuzz", .points = 1, .sanitize = true}};
  }

  /// A runner that makes the configure step leave a build tree behind.
  void configure_creates_tree() {
    runner_.on_run = [this](const FakeProcessRunner::Call& call) {
      if (call.spec.args.at(0) == "-S") {
        std::ofstream(root_ / "ws" / "build" / "CMakeCache.txt") << "";
        std::ofstream(root_ / "ws" / "build" / "build.ninja") << "";
      }
    };
  }

  fs::path root_;
  Course course_;
  FakeProcessRunner runner_;
  const Sandbox sandbox_ = Sandbox::process_only();  ///< the runner's own layer only
};

TEST_F(BuilderTest, ConfiguresOnceThenBuildsEachExercise) {
  configure_creates_tree();
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  std::vector<BuildResult> results = builder.build(plan(), course_.root.string());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(results[0].driver, root_ / "ws" / "build" / "pipe_student");
  std::string ws = (root_ / "ws").string();
  EXPECT_EQ(runner_.command_lines(),
            (std::vector<std::string>{
                "/usr/bin/cmake -S " + (course_.root / "cmake/workspace").string() + " -B " + ws +
                    "/build -G Ninja -DIPCLAB_COURSE_DIR=" + course_.root.string() +
                    " -DIPCLAB_MANIFEST=" + ws + "/manifest.cmake",
                "/usr/bin/cmake --build " + ws + "/build --target pipe_student",
                "/usr/bin/cmake --build " + ws + "/build --target counter_student"}));
  EXPECT_EQ(runner_.calls[0].spec.env, std::vector<std::string>{"PATH=/usr/bin"})
      << "configuring runs the course's CMake files outside the sandbox";
  EXPECT_EQ(runner_.calls[1].spec.env, (std::vector<std::string>{"PATH=/usr/bin", "TMPDIR=/tmp"}))
      << "a compile runs in the sandbox, which has its own /tmp";
  EXPECT_GT(runner_.calls[1].spec.limits.address_space_bytes, 0u) << "compilers run under limits";
  EXPECT_GT(runner_.calls[1].spec.limits.cpu_time.count(), 0) << "and a CPU-time limit";
  std::ifstream staged(root_ / "ws" / "src" / "pipe" / "c.cpp");
  std::string text((std::istreambuf_iterator<char>(staged)), {});
  EXPECT_EQ(text, "int x;\n");

  runner_.calls.clear();
  builder.build(plan(), course_.root.string());
  EXPECT_EQ(runner_.calls.size(), 2u) << "a configured workspace is not configured again";
}

TEST_F(BuilderTest, AWorkspaceMadeByAnotherConfigureCommandIsConfiguredAgain) {
  configure_creates_tree();
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  builder.build(plan(), course_.root.string());
  runner_.calls.clear();
  // Say the compiler cache is turned on: the configure command changes.
  BuildPlan changed = plan();
  changed.configure.argv.push_back("-DIPCLAB_COMPILER_CACHE=/g/ccache");
  std::ofstream(root_ / "ws" / "build" / "CMakeCache.txt") << "IPCLAB_COMPILER_CACHE:PATH=\n";
  runner_.on_run = [this](const FakeProcessRunner::Call& call) {
    if (call.spec.args.at(0) == "-S") {
      EXPECT_FALSE(fs::exists(root_ / "ws" / "build" / "CMakeCache.txt"))
          << "the old settings would stick";
      std::ofstream(root_ / "ws" / "build" / "CMakeCache.txt") << "";
    }
  };
  builder.build(changed, course_.root.string());
  ASSERT_EQ(runner_.calls.size(), 3u);
  EXPECT_EQ(runner_.calls[0].spec.args.back(), "-DIPCLAB_COMPILER_CACHE=/g/ccache");
  EXPECT_TRUE(fs::exists(root_ / "ws" / "build" / "build.ninja")) << "objects and tree stay";
  runner_.calls.clear();
  builder.build(changed, course_.root.string());
  EXPECT_EQ(runner_.calls.size(), 2u) << "and then it is configured for good";
}

TEST_F(BuilderTest, ATreeLeftByAFailedConfigureIsConfiguredAgain) {
  configure_creates_tree();
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  builder.build(plan(), course_.root.string());
  BuildPlan changed = plan();
  changed.configure.argv.push_back("-DIPCLAB_COMPILER_LAUNCHER=/usr/bin/env;/usr/bin/ccache");
  // The new configure fails after writing its cache: the old stamp must not
  // make the half-made tree pass for the old one.
  runner_.on_run = [this](const FakeProcessRunner::Call& call) {
    if (call.spec.args.at(0) == "-S") std::ofstream(root_ / "ws" / "build" / "CMakeCache.txt");
  };
  runner_.then(FakeProcessRunner::exited(1, "CMake Error: no ccache\n"));
  EXPECT_THROW(builder.build(changed, course_.root.string()), GraderError);
  runner_.calls.clear();
  builder.build(plan(), course_.root.string());
  ASSERT_EQ(runner_.calls.size(), 3u);
  EXPECT_EQ(runner_.calls[0].spec.args.at(0), "-S") << "the old command is configured again";
}

TEST_F(BuilderTest, AFailureOfTheCompilerCacheIsNotTheStudents) {
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(
      1, "ccache: error: Failed to create directory /g/ccache/tmp: Permission denied\n"));
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  try {
    builder.build(plan(Selection{{"pipe"}}), course_.root.string());
    ADD_FAILURE() << "graded as the student's compile error";
  } catch (const GraderError& e) {
    EXPECT_NE(std::string(e.what()).find("the compiler cache failed (ccache: error: Failed"),
              std::string::npos)
        << e.what();
  }
  runner_.then(FakeProcessRunner::exited(0));
  runner_.then(FakeProcessRunner::exited(
      1, "../src/pipe/c.cpp:1:1: error: #error ccache: error: let me off\n"));
  std::vector<BuildResult> results =
      builder.build(plan(Selection{{"pipe"}}), course_.root.string());
  EXPECT_FALSE(results.at(0).ok) << "a student's text cannot pass for the cache's";
}

TEST_F(BuilderTest, AFailedBuildKeepsItsDiagnosticsAndNoDriver) {
  configure_creates_tree();
  runner_.then(FakeProcessRunner::exited(0));  // configure
  std::string staged = (root_ / "ws" / "src" / "pipe" / "c.cpp").string();
  runner_.then(
      FakeProcessRunner::exited(1, staged + ":3:7: error: expected ';' before '}' token\n"));
  Builder builder(runner_, {}, {}, sandbox_);
  std::vector<BuildResult> results = builder.build(plan(), course_.root.string());
  EXPECT_FALSE(results[0].ok);
  EXPECT_TRUE(results[0].driver.empty());
  ASSERT_EQ(results[0].diagnostics.size(), 1u);
  EXPECT_EQ(results[0].diagnostics[0].file, "pipe/c.cpp");
  EXPECT_EQ(results[0].diagnostics[0].line, 3);
  EXPECT_TRUE(results[1].ok) << "the other exercise still builds";
  EXPECT_EQ(
      results[1].notes,
      std::vector<std::string>{"counter/k.cpp is not in the submission: graded the starter file"});
}

TEST_F(BuilderTest, BuildsTheSanitizerDriverAfterThePlainOne) {
  configure_creates_tree();
  add_sanitized_test();
  Builder builder(runner_, {}, {}, sandbox_);
  std::vector<BuildResult> results = builder.build(plan(), course_.root.string());
  std::string ws = (root_ / "ws").string();
  std::vector<std::string> lines = runner_.command_lines();
  EXPECT_EQ(std::vector<std::string>(lines.begin() + 1, lines.end()),
            (std::vector<std::string>{
                "/usr/bin/cmake --build " + ws + "/build --target pipe_student",
                "/usr/bin/cmake --build " + ws + "/build --target pipe_student_asan",
                "/usr/bin/cmake --build " + ws + "/build --target counter_student"}));
  EXPECT_EQ(results[0].sanitized_driver, root_ / "ws" / "build" / "pipe_student_asan");
  EXPECT_TRUE(results[1].sanitized_driver.empty());
}

TEST_F(BuilderTest, AFailedSanitizerBuildKeepsTheBuildPointsAndSaysWhy) {
  configure_creates_tree();
  add_sanitized_test();
  runner_.then(FakeProcessRunner::exited(0));  // configure
  runner_.then(FakeProcessRunner::exited(0));  // pipe_student
  std::string staged = (root_ / "ws" / "src" / "pipe" / "c.cpp").string();
  runner_.then(FakeProcessRunner::exited(
      1, staged + ":9:2: error: '__asan_default_options' redefined\nninja: build stopped\n"));
  Builder builder(runner_, {}, {}, sandbox_);
  std::vector<BuildResult> results = builder.build(plan(), course_.root.string());
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(results[0].driver, root_ / "ws" / "build" / "pipe_student");
  EXPECT_TRUE(results[0].sanitized_driver.empty());
  ASSERT_EQ(results[0].diagnostics.size(), 1u);
  EXPECT_EQ(results[0].diagnostics[0].file, "pipe/c.cpp");
  ASSERT_EQ(results[0].notes.size(), 1u);
  EXPECT_EQ(results[0].notes[0],
            "the sanitizer build (AddressSanitizer + UBSan) failed:\n" + staged +
                ":9:2: error: '__asan_default_options' redefined\nninja: build stopped\n");
}

TEST_F(BuilderTest, AWorkspaceThatDoesNotConfigureIsTheGradersProblem) {
  runner_.then(FakeProcessRunner::exited(1, "CMake Error: no compiler\n"));
  Builder builder(runner_, {}, {}, sandbox_);
  EXPECT_THROW(builder.build(plan(), course_.root.string()), GraderError);
}

}  // namespace
}  // namespace grader
