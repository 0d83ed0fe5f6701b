// Messages that must not mislead or flood: a bad --submission is a usage
// error (2) in one line; a huge or binary assignments.yaml is quoted
// bounded and printable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "e2e_support.hpp"

namespace {

namespace fs = std::filesystem;
using e2e::grader;
using e2e::GraderRun;
using testing::HasSubstr;

bool has_control_bytes_but_newline(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n') || byte == 0x7f;
  });
}

TEST(Messages, AMissingSubmissionIsAUsageErrorInOneLine) {
  const std::string missing = std::string(e2e::work_dir()) + "/no-such-submission";
  GraderRun run = grader({"check", "--submission", missing});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.err, "grader: error: --submission '" + missing +
                         "' does not exist: give the folder of a submission (laid out like "
                         "exercises/, or a clone of the course)\n");
  GraderRun file = grader({"check", "--submission", std::string(IPCLAB_SOURCE_DIR) + "/README.md"});
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_THAT(file.err, HasSubstr("README.md' is not a folder"));
}

fs::path course_with(const std::string& name, const std::string& yaml) {
  fs::path course = fs::path(e2e::work_dir()) / name;
  fs::create_directories(course);
  std::ofstream(course / "assignments.yaml", std::ios::binary) << yaml;
  return course;
}

TEST(Messages, AHugeKeyIsNotEchoedWhole) {
  fs::path course = course_with("huge-key-course", "? " + std::string(50 << 20, 'a') + "\n: 1\n");
  GraderRun run = grader({"list"}, course.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_LT(run.err.size(), 1000u);
  EXPECT_THAT(run.err, HasSubstr("(52 428 800 chars)"));
}

TEST(Messages, ABinaryFilesErrorCarriesNoControlBytes) {
  // A stray binary line: its bytes were echoed raw in the unknown-key message.
  fs::path course = course_with("binary-course",
                                "course: x\nexercises: []\n\x7f"
                                "ELF\x02\x01\xff\xfe: 1\n");
  GraderRun run = grader({"list"}, course.string());
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_FALSE(has_control_bytes_but_newline(run.err)) << run.err;
  EXPECT_THAT(run.err, HasSubstr("unknown key '\\x7fELF\\x02\\x01\\xff\\xfe'"));
}

}  // namespace
