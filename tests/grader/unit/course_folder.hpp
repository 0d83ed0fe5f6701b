#pragma once
// Course folders for the loaders' tests: a fresh folder per test, with files
// written into it and removed afterwards; and the project's own course, for
// the tests that check the real tree.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace grader::testing {

/// <temp>/grader_<purpose>_<pid>_<test name>, emptied when made and removed
/// when destroyed.
class CourseFolder {
 public:
  explicit CourseFolder(const std::string& purpose)
      : root_(std::filesystem::temp_directory_path() /
              ("grader_" + purpose + "_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(root_);
  }
  ~CourseFolder() { std::filesystem::remove_all(root_); }
  CourseFolder(const CourseFolder&) = delete;
  CourseFolder& operator=(const CourseFolder&) = delete;

  const std::filesystem::path& root() const { return root_; }

  /// Writes `text` to `relative`, making its folders; returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& text = "") const {
    std::filesystem::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
    return root_ / relative;
  }

  /// The bytes of `relative`, or "(missing)" when it cannot be read.
  std::string read(const std::string& relative) const {
    std::ifstream in(root_ / relative, std::ios::binary);
    if (!in) return "(missing)";
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path root_;
};

/// The project's course root: the nearest folder holding assignments.yaml
/// above the test data folder (<root>/tests/grader/data); empty when none.
inline std::filesystem::path project_root() {
  std::filesystem::path folder = std::filesystem::path(IPCLAB_TEST_DATA_DIR).lexically_normal();
  while (!folder.empty()) {
    if (std::filesystem::is_regular_file(folder / "assignments.yaml")) return folder;
    if (folder == folder.parent_path()) break;
    folder = folder.parent_path();
  }
  return {};
}

}  // namespace grader::testing
