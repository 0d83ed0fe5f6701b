// The project's own wrong submissions -- tests/mistakes/ and the end-to-end
// fixtures in tests/grader/e2e/submissions/ -- are stored as exact edits of
// the model answers and starter files. This checks, on every unit test run,
// that each edit still applies exactly once to today's files, so a model
// answer that changes under one fails here rather than deep in an e2e run.
#include <gtest/gtest.h>

#include <filesystem>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "config/edited_submission.hpp"
#include "config/mistake_loader.hpp"
#include "course_folder.hpp"
#include "model/source_edit.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

class FixtureTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::project_root();
    ASSERT_FALSE(root_.empty()) << "no assignments.yaml above " << IPCLAB_TEST_DATA_DIR;
    course_ = load_course(root_);
  }
  fs::path root_;
  Course course_;
};

TEST_F(FixtureTree, EveryMistakeAppliesToTheModelAnswer) {
  try {
    EXPECT_GT(load_mistakes(course_).size(), 0u);
  } catch (const ConfigError& e) {
    FAIL() << e.what();
  }
}

TEST_F(FixtureTree, EveryE2eSubmissionIsEditsThatApply) {
  const fs::path folder = root_ / "tests/grader/e2e/submissions";
  const testing::CourseFolder out{"fixture_tree"};  // where each is written, removed after
  int submissions = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    ASSERT_EQ(entry.path().extension(), ".yaml")
        << name << ": an e2e submission is a <name>.yaml of edits, not a copy of files";
    try {
      EditedSubmission submission =
          load_edited_submission(entry.path(), "tests/grader/e2e/submissions/" + name, course_);
      write_edited_submission(submission, course_, out.root());
    } catch (const std::exception& e) {  // ConfigError or EditError
      ADD_FAILURE() << e.what();
    }
    ++submissions;
  }
  EXPECT_GT(submissions, 0);
}

}  // namespace
}  // namespace grader
