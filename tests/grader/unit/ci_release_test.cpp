#include "ci/release.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::Not;

TEST(CiRelease, ReleasesAnAllowlistWithoutHiddenTests) {
  EXPECT_TRUE(released("assignments.yaml"));
  EXPECT_TRUE(released("exercises/pipe/c.cpp"));
  EXPECT_TRUE(released("reference/pipe/c.cpp"));
  EXPECT_TRUE(released("tests/exercises/pipe/visible_test.cpp"));
  EXPECT_TRUE(released("tests/exercises/pipe/wire.cpp"));
  EXPECT_TRUE(released("grader/cli/main.cpp"));
  EXPECT_FALSE(released("tests/exercises/pipe/hidden_test.cpp"));
  EXPECT_FALSE(released("tests/exercises/pipe/hidden_python_test.cpp"));
  EXPECT_FALSE(released("solutions/pipe/c.cpp"));
  EXPECT_FALSE(released("tests/mistakes/pipe/x/c.cpp"));
  EXPECT_FALSE(released("tests/grader/unit/x_test.cpp"));
  EXPECT_FALSE(released("build/dev/bin/grader"));
  EXPECT_FALSE(released(".grader/working-copy/x"));
  EXPECT_FALSE(released("templates/github/workflows/grade.yml"));
  EXPECT_FALSE(released("exams/final.md")) << "a new folder stays private until it is listed";
}

class CiReleaseWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("ci_release_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    for (const char* file :
         {"exercises/pipe/README.md", "exercises/pipe/c.cpp", "solutions/pipe/c.cpp",
          "reference/pipe/c.cpp", "tests/exercises/pipe/visible_test.cpp",
          "tests/exercises/pipe/hidden_test.cpp", "tests/mistakes/pipe/m/c.cpp",
          "tests/grader/CMakeLists.txt", "wf.yml"}) {
      write(file, std::string("// ") + file + "\n");
    }
    write("CMakeLists.txt",
          "add_subdirectory(exercises)\nadd_subdirectory( tests/grader)\n"
          "if(X)\n  add_subdirectory(bench)\nendif()\n");
    write("assignments.yaml",
          "course: C\nexercises:\n  - id: pipe\n    title: P\n    student_files: [c.cpp]\n"
          "    tests:\n      - id: v\n        points: 1\n      - id: h\n        points: 1\n"
          "        visibility: hidden\n");
  }
  void TearDown() override { fs::remove_all(base_); }

  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((base_ / "course" / relative).parent_path());
    std::ofstream(base_ / "course" / relative) << text;
  }

  fs::path base_;
};

TEST_F(CiReleaseWrite, WritesTheStudentRepository) {
  Course course = load_course(base_ / "course");
  fs::path dest = base_ / "release";
  ReleaseSummary summary = write_release(course, dest, base_ / "course/wf.yml");
  EXPECT_EQ(summary.hidden_tests_removed, 1);
  EXPECT_THAT(summary.files, Contains("exercises/pipe/c.cpp"));
  EXPECT_THAT(summary.files, Contains(".github/workflows/grade.yml"));
  for (const char* kept :
       {"exercises/pipe/c.cpp", "reference/pipe/c.cpp", "tests/exercises/pipe/visible_test.cpp",
        "CMakeLists.txt", ".github/workflows/grade.yml", "tests/grader/CMakeLists.txt",
        "bench/CMakeLists.txt"}) {
    EXPECT_TRUE(fs::exists(dest / kept)) << kept;
  }
  EXPECT_FALSE(fs::exists(dest / "exercises/CMakeLists.txt")) << "only folders left out get one";
  for (const char* gone : {"solutions", "tests/mistakes", "tests/exercises/pipe/hidden_test.cpp",
                           "wf.yml", "tests/grader/unit"}) {
    EXPECT_FALSE(fs::exists(dest / gone)) << gone;
  }
  Course released_course = load_course(dest);
  ASSERT_EQ(released_course.exercises.at(0).tests.size(), 1u);
  EXPECT_EQ(released_course.exercises.at(0).tests.at(0).id, "v");
}

TEST_F(CiReleaseWrite, RefusesANonEmptyFolderOrOneItWouldCopy) {
  Course course = load_course(base_ / "course");
  fs::create_directories(base_ / "full");
  std::ofstream(base_ / "full/x") << "";
  try {
    write_release(course, base_ / "full", base_ / "course/wf.yml");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.what(), (base_ / "full").string() +
                            ": the release folder is not empty: remove it or choose another DIR");
  }
  EXPECT_THROW(write_release(course, base_ / "course/exercises/out", base_ / "course/wf.yml"),
               ConfigError);
  EXPECT_FALSE(fs::exists(base_ / "course/exercises/out"));
  EXPECT_THROW(write_release(course, base_ / "course", base_ / "course/wf.yml"), ConfigError);
  write_release(course, base_ / "course/build/release", base_ / "course/wf.yml");
  EXPECT_TRUE(fs::exists(base_ / "course/build/release/exercises/pipe/c.cpp"));
  EXPECT_FALSE(fs::exists(base_ / "course/build/release/build")) << "it never copies itself";
}

}  // namespace
}  // namespace grader
