#include "release/visible_assignments.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/course_loader.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

class CiVisibleAssignments : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ci_visible_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "exercises/pipe");
    std::ofstream(root_ / "exercises/pipe/README.md") << "";
    std::ofstream(root_ / "exercises/pipe/c.cpp") << "";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string cut(const std::string& yaml) {
    return visible_assignments(yaml, parse_course(yaml, "assignments.yaml", root_), root_);
  }

  fs::path root_;
};

constexpr const char* kCourse = R"(# The course.
course: C
exercises:
  - id: pipe
    title: Pipe
    student_files: [c.cpp]
    tests:
      - id: visible_one
        points: 1
      - id: hidden_one
        points: 2
        visibility: hidden
        hint: >
          a folded hint
          on two lines

      # a comment about the next test
      - id: visible_two
        points: 1
      - id: hidden_last
        visibility: hidden
        points: 3
# trailing comment
)";

TEST_F(CiVisibleAssignments, CutsEveryHiddenEntryAndKeepsTheRest) {
  EXPECT_EQ(cut(kCourse), R"(# The course.
course: C
exercises:
  - id: pipe
    title: Pipe
    student_files: [c.cpp]
    tests:
      - id: visible_one
        points: 1

      # a comment about the next test
      - id: visible_two
        points: 1
# trailing comment
)");
}

TEST_F(CiVisibleAssignments, ACourseWithoutHiddenTestsIsUnchanged) {
  std::string yaml =
      "course: C\nexercises:\n  - id: pipe\n    title: P\n    student_files: [c.cpp]\n"
      "    tests:\n      - {id: a, points: 1}\n";
  EXPECT_EQ(cut(yaml), yaml);
}

TEST_F(CiVisibleAssignments, FlowStyleEntriesAreRefusedNotMangled) {
  std::string yaml =
      "course: C\nexercises:\n  - id: pipe\n    title: P\n    student_files: [c.cpp]\n"
      "    tests: [{id: a, points: 1}, {id: h, points: 1, visibility: hidden}]\n";
  try {
    cut(yaml);
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "cannot cut the hidden tests out of assignments.yaml: write each test as a block entry"))
        << e.what();
  }
}

}  // namespace
}  // namespace grader
