// The kit's prebuilt provided code (cmake/IpcLabPrebuilt.cmake): a workspace
// compiles only the student files when the kit was built from the same
// provided code, and everything when it was not -- so a course that differs
// from the kit is never graded with the kit's stale objects.
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_support.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kWork = e2e::work_dir();

/// A copy of the course's files a grading reads, under the e2e work folder.
fs::path copy_course(const std::string& name) {
  fs::path course = kWork / "prebuilt-courses" / name;
  fs::remove_all(course);
  fs::create_directories(course);
  const fs::path source = IPCLAB_SOURCE_DIR;
  fs::copy_file(source / "assignments.yaml", course / "assignments.yaml");
  for (const char* folder : {"exercises", "cmake"})
    fs::copy(source / folder, course / folder, fs::copy_options::recursive);
  return course;
}

/// A pipe_ping_pong submission of the model answer, in a folder of its own
/// (so the grading gets a fresh workspace).
fs::path model_submission(const std::string& name) {
  fs::path folder = kWork / "prebuilt-submissions" / name;
  fs::remove_all(folder);
  fs::create_directories(folder / "pipe_ping_pong");
  const fs::path model = fs::path(IPCLAB_SOURCE_DIR) / "solutions" / "pipe_ping_pong";
  for (const char* file : {"connection.cpp", "ping_pong.cpp"})
    fs::copy_file(model / file, folder / "pipe_ping_pong" / file);
  return folder;
}

/// The workspaces the grader made for `submission` ("<folder>-<hash>").
std::vector<fs::path> workspaces_of(const fs::path& submission) {
  const std::string prefix = submission.filename().string() + "-";
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(kWork)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
  }
  return found;
}

/// The source file names whose objects the submission's workspace compiled.
std::set<std::string> compiled_sources(const fs::path& submission) {
  std::set<std::string> names;
  for (const fs::path& workspace : workspaces_of(submission)) {
    for (const auto& entry : fs::recursive_directory_iterator(workspace / "build")) {
      if (entry.path().extension() == ".o") names.insert(entry.path().stem().string());
    }
  }
  return names;
}

/// Grades `submission` with `course` in a fresh workspace.
e2e::GraderRun grade(const fs::path& course, const fs::path& submission) {
  for (const fs::path& workspace : workspaces_of(submission))
    fs::remove_all(workspace);
  return e2e::grader({"check", "pipe_ping_pong", "--submission", submission.string()},
                     course.string());
}

void expect_all_passed(const e2e::GraderRun& run) {
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  e2e::expect_others_passed(run.report, {});
}

TEST(PrebuiltProvidedCode, AFreshWorkspaceCompilesOnlyTheStudentFiles) {
  fs::path submission = model_submission("prebuilt-same");
  e2e::GraderRun run = grade(IPCLAB_SOURCE_DIR, submission);
  expect_all_passed(run);
  EXPECT_EQ(compiled_sources(submission),
            (std::set<std::string>{"connection.cpp", "ping_pong.cpp"}))
      << "the driver, connection_base.cpp and the support library come from the kit";
}

TEST(PrebuiltProvidedCode, ACopyOfTheCourseWithItsOwnStarterFilesStillSharesIt) {
  // Students edit their files in place: that must not cost the shared code.
  fs::path course = copy_course("edited-student-file");
  std::ofstream(course / "exercises" / "pipe_ping_pong" / "connection.cpp", std::ios::app)
      << "\n// a student's edit\n";
  fs::path submission = model_submission("prebuilt-student-edit");
  expect_all_passed(grade(course, submission));
  EXPECT_EQ(compiled_sources(submission),
            (std::set<std::string>{"connection.cpp", "ping_pong.cpp"}));
}

TEST(PrebuiltProvidedCode, ACourseWhoseProvidedCodeDiffersCompilesItsOwn) {
  fs::path course = copy_course("edited-provided-file");
  std::ofstream(course / "exercises" / "pipe_ping_pong" / "connection_base.cpp", std::ios::app)
      << "\n// an instructor's edit the kit was not built with\n";
  fs::path submission = model_submission("prebuilt-provided-edit");
  expect_all_passed(grade(course, submission));
  std::set<std::string> compiled = compiled_sources(submission);
  for (const char* provided : {"connection_base.cpp", "driver.cpp"})
    EXPECT_TRUE(compiled.count(provided)) << provided << " was not compiled in the workspace";
}

}  // namespace
