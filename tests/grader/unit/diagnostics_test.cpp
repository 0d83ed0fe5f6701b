#include "build/diagnostics.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

const std::map<std::string, std::string> kNames = {
    {"/ws/src/pipe/connection.cpp", "pipe/connection.cpp"}};

TEST(ParseDiagnostics, MapsStagedPathsAndPutsErrorsFirst) {
  std::string output =
      "[1/3] Building CXX object ...\n"
      "/ws/src/pipe/connection.cpp:12:3: warning: unused variable 'x' [-Wunused-variable]\n"
      "/ws/src/pipe/connection.cpp:20:5: error: 'foo' was not declared in this scope\n"
      "/course/exercises/pipe/connection.hpp:40:8: note: declared here\n"
      "ninja: build stopped: subcommand failed.\n";
  auto found = parse_diagnostics(output, kNames, "/course");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].file, "pipe/connection.cpp");
  EXPECT_EQ(found[0].line, 20);
  EXPECT_EQ(found[0].column, 5);
  EXPECT_EQ(found[0].severity, "error");
  EXPECT_EQ(found[0].message, "'foo' was not declared in this scope");
  EXPECT_EQ(found[1].severity, "warning");
  EXPECT_EQ(found[2].file, "exercises/pipe/connection.hpp");
}

TEST(ParseDiagnostics, FatalErrorsAndLinkerErrors) {
  std::string output =
      "/ws/src/pipe/connection.cpp:1:10: fatal error: nothere.h: No such file or directory\n"
      "/usr/bin/ld: CMakeFiles/x.dir/driver.cpp.o: in function `main':\n"
      "/usr/bin/ld: /ws/src/pipe/connection.cpp:33: undefined reference to "
      "`ipclab::pipe::Pipe(bool)'\n"
      "/usr/bin/ld: driver.cpp:(.text+0x1f): undefined reference to `helper()'\n"
      "collect2: error: ld returned 1 exit status\n";
  auto found = parse_diagnostics(output, kNames, "/course");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].severity, "error");
  EXPECT_EQ(found[0].message, "nothere.h: No such file or directory");
  EXPECT_EQ(found[1].file, "pipe/connection.cpp");
  EXPECT_EQ(found[1].line, 33);
  EXPECT_EQ(found[1].message, "undefined reference to `ipclab::pipe::Pipe(bool)'");
  EXPECT_EQ(found[2].file, "");
  EXPECT_EQ(found[2].message, "undefined reference to `helper()'");
}

TEST(ParseDiagnostics, PathsRelativeToTheBuildFolderAreTheStudentsToo) {
  // Through the compiler cache, the compiler sees "../src/..."; the linker
  // names the place as debug info has it (/submission/src/..., the
  // workspace's -ffile-prefix-map), on a line of its own, as GNU ld 2.40
  // printed it for a call to a function nobody defines.
  const std::map<std::string, std::string> names = {
      {"../src/pipe/connection.cpp", "pipe/connection.cpp"},
      {"/submission/src/pipe/connection.cpp", "pipe/connection.cpp"}};
  std::string output =
      "../src/pipe/connection.cpp:7:2: error: 'foo' was not declared in this scope\n"
      "/usr/bin/ld: CMakeFiles/pipe_student.dir/src/pipe/connection.cpp.o: in function "
      "`main':\n"
      "/submission/src/pipe/connection.cpp:2: undefined reference to `missing()'\n"
      "collect2: error: ld returned 1 exit status\n";
  auto found = parse_diagnostics(output, names, "/course");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].file, "pipe/connection.cpp");
  EXPECT_EQ(found[0].line, 7);
  EXPECT_EQ(found[1].file, "pipe/connection.cpp");
  EXPECT_EQ(found[1].line, 2);
  EXPECT_EQ(found[1].message, "undefined reference to `missing()'");
}

TEST(ParseDiagnostics, KeepsAtMostTheLimitAndNoDuplicates) {
  std::string output;
  for (int i = 0; i < 5; ++i)
    output += "/a.cpp:1:1: error: same\n/a.cpp:" + std::to_string(i + 2) + ":1: error: e\n";
  EXPECT_EQ(parse_diagnostics(output, {}, "/course", 3).size(), 3u);
  EXPECT_EQ(parse_diagnostics(output, {}, "/course").size(), 6u);
}

}  // namespace
}  // namespace grader
