// grader selftest --write-mistakes: each mistake, stored as edits of the model
// answer, written out as the files it changes.
#include "selftest/mistake_writer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "config/course_loader.hpp"
#include "course_folder.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const char* const kAssignments = R"(course: IPC Lab
exercises:
  - id: pipe_ping_pong
    title: Pipe ping-pong
    student_files: [connection.cpp, ping_pong.cpp]
    tests:
      - { id: wire_format, points: 3 }
  - id: counter
    title: Counter
    student_files: [counter.cpp]
    tests:
      - { id: counts, points: 1 }
)";

/// A course with a model answer and two mistakes, one per exercise; `out_` is
/// where they are written. Both are removed after the test.
class MistakeWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = folder_.root() / "written";
    for (const char* file : {"README.md", "connection.cpp", "ping_pong.cpp"})
      write("exercises/pipe_ping_pong/" + std::string(file));
    write("exercises/counter/README.md");
    write("exercises/counter/counter.cpp");
    write("solutions/pipe_ping_pong/connection.cpp", "int a;\nsend(htonl(size));\nint b;\n");
    write("solutions/pipe_ping_pong/ping_pong.cpp", "ping();\n");
    write("solutions/counter/counter.cpp", "count += 1;\n");
    write("tests/mistakes/pipe_ping_pong/host_order/mistake.yaml",
          "description: d\nfails: [wire_format]\nedits:\n"
          "  - {file: connection.cpp, find: htonl(size), replace: size}\n"
          "  - {file: connection.cpp, find: \"int b;\\n\", replace: \"\"}\n");
    write("tests/mistakes/counter/off_by_one/mistake.yaml",
          "description: d\nfails: [counts]\nedits:\n"
          "  - {file: counter.cpp, find: '+= 1', replace: '+= 2'}\n");
    course_ = parse_course(kAssignments, "assignments.yaml", folder_.root());
    mistakes_ = load_mistakes(course_);
  }

  void write(const std::string& relative, const std::string& text = "") {
    folder_.write(relative, text);
  }

  /// The content of `relative` in `out_`, or "(missing)".
  std::string written(const std::string& relative) { return folder_.read("written/" + relative); }

  testing::CourseFolder folder_{"mistake_writer"};
  fs::path out_;
  Course course_;
  std::vector<MistakeSpec> mistakes_;
};

TEST_F(MistakeWriterTest, AssemblesEveryStudentFileFromTheModelAnswer) {
  SourceFiles files = mistake_sources(course_, mistakes_.at(1));
  EXPECT_EQ(files, (SourceFiles{{"connection.cpp", "int a;\nsend(size);\n"},
                                {"ping_pong.cpp", "ping();\n"}}));
}

TEST_F(MistakeWriterTest, WritesTheFilesEachMistakeChanges) {
  EXPECT_EQ(write_mistakes(course_, mistakes_, {}, out_), 2u);
  EXPECT_EQ(written("pipe_ping_pong/host_order/connection.cpp"), "int a;\nsend(size);\n");
  EXPECT_EQ(written("pipe_ping_pong/host_order/ping_pong.cpp"), "(missing)");  // unchanged
  EXPECT_EQ(written("counter/off_by_one/counter.cpp"), "count += 2;\n");
}

TEST_F(MistakeWriterTest, WritesOnlyTheNamedExercises) {
  EXPECT_EQ(write_mistakes(course_, mistakes_, {"counter"}, out_), 1u);
  EXPECT_EQ(written("counter/off_by_one/counter.cpp"), "count += 2;\n");
  EXPECT_FALSE(fs::exists(out_ / "pipe_ping_pong"));
}

TEST_F(MistakeWriterTest, ReplacesAMistakeFolderAndLeavesTheRestOfTheFolder) {
  fs::create_directories(out_ / "pipe_ping_pong/host_order");
  std::ofstream(out_ / "pipe_ping_pong/host_order/ping_pong.cpp") << "stale\n";
  std::ofstream(out_ / "notes.txt") << "mine\n";
  write_mistakes(course_, mistakes_, {"pipe_ping_pong"}, out_);
  EXPECT_EQ(written("pipe_ping_pong/host_order/ping_pong.cpp"), "(missing)");
  EXPECT_EQ(written("notes.txt"), "mine\n");
}

TEST_F(MistakeWriterTest, RefusesAnEditThatNoLongerApplies) {
  write("solutions/counter/counter.cpp", "count++;\n");  // changed after loading
  EXPECT_THROW(write_mistakes(course_, mistakes_, {"counter"}, out_), EditError);
}

}  // namespace
}  // namespace grader
