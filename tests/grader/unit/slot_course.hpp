#pragma once
// The course that the tests of selftest's slot runners (mistakes, mutants)
// grade from: exercise `ex` with the student files a.cpp and b.cpp, whose
// model answers are "int a = 1;" and "int b = 2;", in a folder of the test's
// own (CourseFolder), removed afterwards. The runners' slots go below root_.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "config/course_loader.hpp"
#include "course_folder.hpp"

namespace grader::testing {

/// The text of the file at `path` ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class SlotCourseTest : public ::testing::Test {
 protected:
  /// `assignments` declares `ex` and perhaps other exercises, whose files
  /// `other_files` names (written empty). `purpose` names the folder.
  SlotCourseTest(std::string purpose, std::string assignments,
                 std::vector<std::string> other_files = {})
      : purpose_(std::move(purpose)),
        assignments_(std::move(assignments)),
        other_files_(std::move(other_files)) {}

  void SetUp() override {
    folder_.emplace(purpose_);
    root_ = folder_->root();
    for (const char* file : {"exercises/ex/README.md", "exercises/ex/a.cpp", "exercises/ex/b.cpp"})
      folder_->write(file);
    for (const std::string& file : other_files_)
      folder_->write(file);
    folder_->write("solutions/ex/a.cpp", "int a = 1;\n");
    folder_->write("solutions/ex/b.cpp", "int b = 2;\n");
    course_ = parse_course(assignments_, "assignments.yaml", root_);
  }
  void TearDown() override { folder_.reset(); }

  std::filesystem::path root_;
  Course course_;

 private:
  std::string purpose_;
  std::string assignments_;
  std::vector<std::string> other_files_;
  std::optional<CourseFolder> folder_;
};

}  // namespace grader::testing
