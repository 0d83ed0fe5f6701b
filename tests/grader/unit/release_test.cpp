#include "release/release.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "batch/store/files_digest.hpp"
#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "fake_process_runner.hpp"
#include "in_language.hpp"
#include "model/grader_error.hpp"
#include "release/release_kit.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::Not;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CiRelease, ReleasesAnAllowlistWithoutHiddenTests) {
  EXPECT_TRUE(released("assignments.yaml"));
  EXPECT_TRUE(released("exercises/pipe/c.cpp"));
  EXPECT_TRUE(released("reference/CMakeLists.txt"));
  EXPECT_TRUE(released("grader/cli/main.cpp"));
  // Working pieces of the student files: they reach the release prebuilt.
  EXPECT_FALSE(released("reference/pipe/c.cpp"));
  EXPECT_FALSE(released("tests/exercises/pipe/visible_test.cpp"));
  EXPECT_FALSE(released("tests/exercises/pipe/wire.cpp"));
  EXPECT_FALSE(released("tests/exercises/CMakeLists.txt"));
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
          "tests/grader/CMakeLists.txt", "reference/CMakeLists.txt", "wf/grade.yml",
          "wf/warm-cache.yml"}) {
      write(file, std::string("// ") + file + "\n");
    }
    write("CMakeLists.txt",
          "add_subdirectory(exercises)\nadd_subdirectory( tests/grader)\n"
          "add_subdirectory(reference)\nadd_subdirectory(tests/exercises)\n"
          "if(X)\n  add_subdirectory(bench)\nendif()\n");
    // What target ipclab_release_kit leaves in <build>/release-kit/.
    write("../kit/pipe_harness", "harness program");
    write("../kit/pipe_reference_driver", "reference program");
    write("../kit/PLATFORM", "Linux x86_64\n");
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

  fs::path kit() const { return base_ / "kit"; }
  std::vector<fs::path> workflows() const {
    return {base_ / "course/wf/grade.yml", base_ / "course/wf/warm-cache.yml"};
  }

  fs::path base_;
};

TEST_F(CiReleaseWrite, WritesTheStudentRepository) {
  Course course = load_course(base_ / "course");
  fs::path dest = base_ / "release";
  ReleaseSummary summary = write_release(course, dest, workflows(), kit());
  EXPECT_EQ(summary.hidden_tests_removed, 1);
  EXPECT_THAT(summary.files, Contains("exercises/pipe/c.cpp"));
  EXPECT_THAT(summary.files, Contains(".github/workflows/grade.yml"));
  EXPECT_THAT(summary.files, Contains(".github/workflows/warm-cache.yml"));
  EXPECT_EQ(read(dest / ".github/workflows/warm-cache.yml"), "// wf/warm-cache.yml\n");
  for (const char* kept : {"exercises/pipe/c.cpp", "CMakeLists.txt", ".github/workflows/grade.yml",
                           "tests/grader/CMakeLists.txt", "bench/CMakeLists.txt",
                           "reference/CMakeLists.txt", "tests/exercises/CMakeLists.txt"}) {
    EXPECT_TRUE(fs::exists(dest / kept)) << kept;
  }
  EXPECT_EQ(read(dest / "tests/exercises/CMakeLists.txt"),
            "# Not part of the student release (see docs/ci.md).\n");
  EXPECT_FALSE(fs::exists(dest / "exercises/CMakeLists.txt")) << "only folders left out get one";
  for (const char* gone : {"solutions", "tests/mistakes", "tests/exercises/pipe", "reference/pipe",
                           "wf", "tests/grader/unit"}) {
    EXPECT_FALSE(fs::exists(dest / gone)) << gone;
  }
  Course released_course = load_course(dest);
  ASSERT_EQ(released_course.exercises.at(0).tests.size(), 1u);
  EXPECT_EQ(released_course.exercises.at(0).tests.at(0).id, "v");
}

TEST_F(CiReleaseWrite, ShipsTheKitPrebuiltWithItsDigests) {
  Course course = load_course(base_ / "course");
  fs::path dest = base_ / "release";
  ReleaseSummary summary = write_release(course, dest, workflows(), kit());
  for (const char* file : {"reference/bin/pipe_harness", "reference/bin/pipe_reference_driver",
                           "reference/bin/SHA256SUMS", "reference/bin/kit.cmake"}) {
    EXPECT_THAT(summary.files, Contains(file));
  }
  EXPECT_EQ(read(dest / "reference/bin/pipe_reference_driver"), "reference program");
  EXPECT_EQ(fs::status(dest / "reference/bin/pipe_harness").permissions(), fs::perms(0755));
  EXPECT_EQ(read(dest / "reference/bin/SHA256SUMS"),
            sha256_hex("harness program") + "  pipe_harness\n" + sha256_hex("reference program") +
                "  pipe_reference_driver\n");
  EXPECT_EQ(read(dest / "reference/bin/kit.cmake"),
            "# Written by `grader release`: the prebuilt kit of this release\n"
            "# (cmake/IpcLabPrebuiltKit.cmake reads it; docs/ci.md explains it).\n"
            "set(IPCLAB_KIT_PLATFORM \"Linux x86_64\")\n"
            "set(IPCLAB_KIT_EXERCISES pipe)\n"
            "set(IPCLAB_KIT_pipe_STUDENT_FILES c.cpp)\n");
}

TEST_F(CiReleaseWrite, SaysWhichKitProgramIsMissing) {
  Course course = load_course(base_ / "course");
  fs::remove(kit() / "pipe_reference_driver");
  try {
    write_release(course, base_ / "release", workflows(), kit());
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_EQ(e.what(), (kit() / "pipe_reference_driver").string() +
                            " is missing: the release kit has no pipe_reference_driver "
                            "(cmake --build BUILD --target ipclab_release_kit)");
  }
}

TEST_F(CiReleaseWrite, ItsErrorsAreInTheChosenLanguage) {
  Course course = load_course(base_ / "course");
  fs::remove(kit() / "pipe_reference_driver");
  fs::create_directories(base_ / "full");
  std::ofstream(base_ / "full/x") << "";
  fixtures::InLanguage spanish("es");
  ASSERT_TRUE(spanish.ok());
  try {
    write_release(course, base_ / "release", workflows(), kit());
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_EQ(e.what(), "falta " + (kit() / "pipe_reference_driver").string() +
                            ": el kit de publicación no tiene pipe_reference_driver "
                            "(cmake --build BUILD --target ipclab_release_kit)");
  }
  try {
    write_release(course, base_ / "full", workflows(), kit());
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.what(), (base_ / "full").string() +
                            ": la carpeta de la publicación no está vacía: bórrala o elige otro "
                            "DIR");
  }
}

TEST_F(CiReleaseWrite, BuildsTheKitWithTheWorkspaceFlags) {
  Course course = load_course(base_ / "course");
  testing::FakeProcessRunner runner;
  fs::path kit_dir = build_release_kit(course, base_ / "b", runner, {"PATH=/usr/bin"});
  EXPECT_EQ(kit_dir, base_ / "b/release-kit");
  std::string root = course.root.string();
  EXPECT_EQ(
      runner.command_lines(),
      (std::vector<std::string>{"/usr/bin/env cmake -S " + root + " -B " + (base_ / "b").string() +
                                    " -G Ninja -DCMAKE_BUILD_TYPE= -DIPCLAB_BUILD_TESTS=OFF "
                                    "-DIPCLAB_ONLY_EXERCISES=",
                                "/usr/bin/env cmake --build " + (base_ / "b").string() +
                                    " --target ipclab_release_kit"}));
  EXPECT_EQ(runner.calls.at(0).spec.env, std::vector<std::string>{"PATH=/usr/bin"});
}

TEST_F(CiReleaseWrite, AFailedKitBuildShowsItsOutput) {
  Course course = load_course(base_ / "course");
  testing::FakeProcessRunner runner;
  runner.then(testing::FakeProcessRunner::exited(0));
  runner.then(testing::FakeProcessRunner::exited(1, "x.cpp:3: error: boom\n"));
  try {
    build_release_kit(course, base_ / "b", runner, {});
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_EQ(e.what(), "building the release kit failed (cmake --build " + (base_ / "b").string() +
                            " --target ipclab_release_kit):\nx.cpp:3: error: boom\n");
  }
}

TEST_F(CiReleaseWrite, RefusesANonEmptyFolderOrOneItWouldCopy) {
  Course course = load_course(base_ / "course");
  fs::create_directories(base_ / "full");
  std::ofstream(base_ / "full/x") << "";
  try {
    write_release(course, base_ / "full", workflows(), kit());
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.what(), (base_ / "full").string() +
                            ": the release folder is not empty: remove it or choose another DIR");
  }
  EXPECT_THROW(write_release(course, base_ / "course/exercises/out", workflows(), kit()),
               ConfigError);
  EXPECT_FALSE(fs::exists(base_ / "course/exercises/out"));
  EXPECT_THROW(write_release(course, base_ / "course", workflows(), kit()), ConfigError);
  write_release(course, base_ / "course/build/release", workflows(), kit());
  EXPECT_TRUE(fs::exists(base_ / "course/build/release/exercises/pipe/c.cpp"));
  EXPECT_FALSE(fs::exists(base_ / "course/build/release/build")) << "it never copies itself";
}

}  // namespace
}  // namespace grader
