// The e2e fixtures' format: a submission written as exact edits of the model
// answers or the starter files (config/edited_submission.hpp).
#include "config/edited_submission.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
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
)";

const char* const kCrashes = R"(description: A crash.
exercises:
  - id: pipe_ping_pong
    from: solutions
    files: [connection.cpp, ping_pong.cpp]
    edits:
      - file: connection.cpp
        find: "recv();\n"
        replace: "recv();\ncrash();\n"
)";

/// A course with model answers and starter files, and a folder to write to.
class EditedSubmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write("exercises/pipe_ping_pong/README.md", "");
    write("exercises/pipe_ping_pong/connection.cpp", "// TODO\n");
    write("exercises/pipe_ping_pong/ping_pong.cpp", "// TODO too\n");
    write("solutions/pipe_ping_pong/connection.cpp", "send();\nrecv();\n");
    write("solutions/pipe_ping_pong/ping_pong.cpp", "ping();\n");
    course_ = parse_course(kAssignments, "assignments.yaml", root_);
  }

  void write(const std::string& relative, const std::string& text) {
    folder_.write(relative, text);
  }
  std::string read(const std::string& relative) { return folder_.read(relative); }

  EditedSubmission load(const std::string& yaml) {
    write("crashes.yaml", yaml);
    return load_edited_submission(root_ / "crashes.yaml", "crashes.yaml", course_);
  }

  /// The what() of the ConfigError loading `yaml` throws, or "no error".
  std::string error(const std::string& yaml) {
    try {
      load(yaml);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  }

  testing::CourseFolder folder_{"edited_submission"};
  const fs::path& root_ = folder_.root();
  Course course_;
};

TEST_F(EditedSubmissionTest, ReadsWhereItComesFromAndWhatItHolds) {
  EditedSubmission submission = load(kCrashes);
  EXPECT_EQ(submission.description, "A crash.");
  ASSERT_EQ(submission.exercises.size(), 1u);
  const EditedExercise& part = submission.exercises[0];
  EXPECT_EQ(part.exercise_id, "pipe_ping_pong");
  EXPECT_EQ(part.from, "solutions");
  EXPECT_EQ(part.files, (std::vector<std::string>{"connection.cpp", "ping_pong.cpp"}));
  ASSERT_EQ(part.edits.size(), 1u);
  EXPECT_EQ(part.edits[0].replace, "recv();\ncrash();\n");
}

TEST_F(EditedSubmissionTest, WritesTheFilesItHoldsWithTheEditsApplied) {
  write_edited_submission(load(kCrashes), course_, root_ / "out");
  EXPECT_EQ(read("out/pipe_ping_pong/connection.cpp"), "send();\nrecv();\ncrash();\n");
  EXPECT_EQ(read("out/pipe_ping_pong/ping_pong.cpp"), "ping();\n");
}

TEST_F(EditedSubmissionTest, EditsTheStarterFilesAndLeavesOutTheFilesItDoesNotHold) {
  fs::create_directories(root_ / "out/stale");
  write_edited_submission(load("description: d\nexercises:\n  - id: pipe_ping_pong\n"
                               "    from: exercises\n    files: [connection.cpp]\n"
                               "    edits: [{file: connection.cpp, find: TODO, replace: DONE}]\n"),
                          course_, root_ / "out");
  EXPECT_EQ(read("out/pipe_ping_pong/connection.cpp"), "// DONE\n");
  EXPECT_EQ(read("out/pipe_ping_pong/ping_pong.cpp"), "(missing)");
  EXPECT_FALSE(fs::exists(root_ / "out/stale")) << "the folder is emptied first";
}

TEST_F(EditedSubmissionTest, RejectsAnEditThatNoLongerAppliesExactlyOnce) {
  write("solutions/pipe_ping_pong/connection.cpp", "send();\nreceive();\n");
  EXPECT_EQ(error(kCrashes),
            "crashes.yaml:8:15: the 'find' text of an edit occurs 0 times in connection.cpp (it "
            "must occur exactly once: update it to the model answer)");
}

TEST_F(EditedSubmissionTest, RejectsABaseThatIsNeitherModelAnswerNorStarterFiles) {
  std::string yaml = kCrashes;
  yaml.replace(yaml.find("from: solutions"), 15, "from: reference");
  EXPECT_EQ(error(yaml),
            "crashes.yaml:4:11: 'from' is 'reference': write solutions (the model answer) or "
            "exercises (the starter files)");
}

TEST_F(EditedSubmissionTest, RejectsFilesThatAreNotHeldOrNotStudentFiles) {
  std::string yaml = kCrashes;
  yaml.replace(yaml.find("connection.cpp, ping_pong.cpp"), 29, "ping_pong.cpp");
  EXPECT_EQ(error(yaml), "crashes.yaml:5:12: an edit changes 'connection.cpp': add it to 'files'");
  yaml = kCrashes;
  yaml.replace(yaml.find("connection.cpp, ping_pong.cpp"), 29, "conection.cpp");
  EXPECT_EQ(error(yaml),
            "crashes.yaml:5:13: 'conection.cpp' is not a student file of 'pipe_ping_pong' (did "
            "you mean 'connection.cpp'?)");
  yaml = kCrashes;
  yaml.replace(yaml.find("- id: pipe_ping_pong"), 20, "- id: ping_pong");
  EXPECT_EQ(error(yaml),
            "crashes.yaml:3:9: no exercise 'ping_pong' in the course (exercises: pipe_ping_pong)");
}

}  // namespace
}  // namespace grader
