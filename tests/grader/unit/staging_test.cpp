// The build's staging goes through the one intake: a refused student file
// fails its exercise's build, uncompiled, and nothing else.
#include "workspace/staging.hpp"

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "compile/builder.hpp"
#include "fake_process_runner.hpp"
#include "workspace/student_file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

class StagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("staging_test");
    fs::remove_all(root_);
    fs::create_directories(root_ / "sub" / "pipe");
    fs::create_directories(root_ / "sub" / "counter");
    std::ofstream(root_ / "secret.cpp") << "// the model answer\n";
    std::ofstream(root_ / "sub" / "counter" / "k.cpp") << "int k;\n";
    course_.root = root_ / "course";
    course_.exercises = {ExerciseSpec{.id = "pipe", .student_files = {"c.cpp"}},
                         ExerciseSpec{.id = "counter", .student_files = {"k.cpp"}}};
    for (const char* id : {"pipe", "counter"})
      fs::create_directories(course_.root / "exercises" / id);
    std::ofstream(course_.root / "exercises" / "pipe" / "c.cpp") << "// starter\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  BuildPlan plan(const Submission& submission) {
    return plan_build(course_, submission, {root_ / "ws"}, {}, Toolchain{"/usr/bin/cmake", "Ninja"},
                      student_file_present);
  }

  static std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  fs::path root_;
  Course course_;
  FakeProcessRunner runner_;
  const Sandbox sandbox_ = Sandbox::process_only();  ///< the runner's own layer only
};

TEST_F(StagingTest, ALinkedFileFailsOnlyItsExercisesBuildAndIsNeverRead) {
  fs::create_symlink(root_ / "secret.cpp", root_ / "sub" / "pipe" / "c.cpp");
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  std::vector<BuildResult> results =
      builder.build(plan({Submission::Kind::folder, root_ / "sub", "sub"}), course_.root.string());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].ok);
  ASSERT_EQ(results[0].diagnostics.size(), 1u);
  EXPECT_EQ(results[0].diagnostics[0].file, "pipe/c.cpp");
  EXPECT_EQ(results[0].diagnostics[0].severity, "error");
  EXPECT_EQ(results[0].diagnostics[0].message,
            "a symbolic link, not a file: hand in the file itself");
  EXPECT_EQ(slurp(root_ / "ws" / "src" / "pipe" / "c.cpp"), "") << "staged empty, not followed";
  EXPECT_TRUE(results[1].ok) << "the other exercise builds";
  EXPECT_EQ(slurp(root_ / "ws" / "src" / "counter" / "k.cpp"), "int k;\n");
  for (const auto& call : runner_.calls) {
    EXPECT_NE(call.spec.args.back(), "pipe_student") << "a refused exercise is not compiled";
  }
}

TEST_F(StagingTest, TheWorkingCopyIsTakenInInPlace) {
  std::ofstream(course_.root / "exercises" / "counter" / "k.cpp") << "int k;\n";
  fs::remove(course_.root / "exercises" / "pipe" / "c.cpp");
  fs::create_symlink("/dev/zero", course_.root / "exercises" / "pipe" / "c.cpp");
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  std::vector<BuildResult> results =
      builder.build(plan(working_copy(course_)), course_.root.string());
  ASSERT_EQ(results.size(), 2u);
  ASSERT_EQ(results[0].diagnostics.size(), 1u);
  EXPECT_EQ(results[0].diagnostics[0].file, "exercises/pipe/c.cpp");
  EXPECT_FALSE(results[0].ok);
  EXPECT_TRUE(results[1].ok);
  EXPECT_FALSE(fs::exists(root_ / "ws" / "src")) << "the working copy is compiled in place";
}

TEST_F(StagingTest, AMissingFileStillGetsTheStarter) {
  Builder builder(runner_, {"PATH=/usr/bin"}, {}, sandbox_);
  std::vector<BuildResult> results =
      builder.build(plan({Submission::Kind::folder, root_ / "sub", "sub"}), course_.root.string());
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(slurp(root_ / "ws" / "src" / "pipe" / "c.cpp"), "// starter\n");
}

TEST_F(StagingTest, WriteIfChangedKeepsAnUnchangedFileAndReplacesALink) {
  const fs::path file = root_ / "ws" / "new" / "manifest";
  write_if_changed(file, "a\n");
  EXPECT_EQ(slurp(file), "a\n") << "the parent folders are made";
  const fs::file_time_type old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(file, old_time);
  write_if_changed(file, "a\n");
  EXPECT_EQ(fs::last_write_time(file), old_time) << "the same content: not written again";
  write_if_changed(file, "b\n");
  EXPECT_EQ(slurp(file), "b\n");

  const fs::path link = root_ / "ws" / "linked";
  fs::create_symlink(root_ / "secret.cpp", link);
  write_if_changed(link, "mine\n");
  EXPECT_FALSE(fs::is_symlink(link)) << "the link is replaced by a file";
  EXPECT_EQ(slurp(link), "mine\n");
  EXPECT_EQ(slurp(root_ / "secret.cpp"), "// the model answer\n") << "never written through";
}

}  // namespace
}  // namespace grader
