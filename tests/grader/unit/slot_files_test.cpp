// A slot graded again and again gets only the files that differ written:
// an unchanged file keeps its time stamp, so its build does not recompile it.
#include "selftest/slot_files.hpp"

#include <gtest/gtest.h>

#include "course_folder.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(WriteChangedFiles, MakesTheFolderAndWritesEveryNewFile) {
  testing::CourseFolder folder("slot_files");
  write_changed_files(folder.root() / "slot" / "ex", {{"a.cpp", "int a;\n"}, {"b.cpp", ""}});
  EXPECT_EQ(folder.read("slot/ex/a.cpp"), "int a;\n");
  EXPECT_EQ(folder.read("slot/ex/b.cpp"), "");
}

TEST(WriteChangedFiles, RewritesOnlyTheFilesThatDiffer) {
  testing::CourseFolder folder("slot_files");
  const fs::path same = folder.write("ex/same.cpp", "int s;\n");
  const fs::path changed = folder.write("ex/changed.cpp", "int c = 1;\n");
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(same, old_time);
  fs::last_write_time(changed, old_time);
  write_changed_files(folder.root() / "ex",
                      {{"same.cpp", "int s;\n"}, {"changed.cpp", "int c;\n"}});
  EXPECT_EQ(fs::last_write_time(same), old_time) << "unchanged: not recompiled";
  EXPECT_NE(fs::last_write_time(changed), old_time);
  EXPECT_EQ(folder.read("ex/changed.cpp"), "int c;\n");
}

TEST(WriteChangedFiles, AFileThatCannotBeWrittenIsAGraderError) {
  testing::CourseFolder folder("slot_files");
  fs::create_directories(folder.root() / "ex" / "a.cpp");  // a folder where the file goes
  EXPECT_THROW(write_changed_files(folder.root() / "ex", {{"a.cpp", "int a;\n"}}), GraderError);
}

}  // namespace
}  // namespace grader
