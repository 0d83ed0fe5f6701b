#include "compile/diagnostics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

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

/// Compiler output recorded from GCC 12 on a one-line mistake in a model
/// answer (tests/grader/data/compiler/*.txt, with the workspace's paths).
std::string recorded(const std::string& name) {
  std::ifstream in(std::string(IPCLAB_TEST_DATA_DIR) + "/compiler/" + name);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

TEST(ParseDiagnostics, ATemplateErrorLeadsWithTheStudentsLine) {
  // condition.timed_wait(lock, *timeout): a duration where Boost wants a
  // time point; GCC reports it deep inside Boost.Interprocess.
  const std::map<std::string, std::string> names = {
      {"/tmp/ws/src/producer_consumer/queue.cpp", "producer_consumer/queue.cpp"}};
  auto found =
      parse_diagnostics(recorded("producer_consumer_template_error.txt"), names, "/course");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].severity, "error");
  EXPECT_EQ(found[0].file, "producer_consumer/queue.cpp");
  EXPECT_EQ(found[0].line, 34);  // the timed_wait call, not the put() that instantiated it
  EXPECT_EQ(found[0].column, 30);
  EXPECT_EQ(found[0].origin, "/usr/include/boost/interprocess/sync/posix/condition.hpp:203:39");
  EXPECT_EQ(found[0].message.rfind("no matching function for call to 'timepoint_to_timespec(", 0),
            0u)
      << found[0].message;
  EXPECT_EQ(found[0].context.rfind(
                "In instantiation of 'bool ipclab::pc::{anonymous}::wait_until_ready(", 0),
            0u)
      << found[0].context;
  EXPECT_EQ(found[0].context,
            "In instantiation of 'bool ipclab::pc::{anonymous}::wait_until_ready("
            "boost::interprocess::interprocess_condition&, ipclab::pc::Lock&, Ready, bool, "
            "ipclab::pc::Timeout)'")
      << "without the template arguments";
  for (const Diagnostic& d : found) {
    if (d.severity == "error") {
      EXPECT_EQ(d.file, "producer_consumer/queue.cpp") << d.message;
    }
    EXPECT_EQ(d.file.rfind("/usr/include", 0), std::string::npos) << d.file << ": " << d.message;
  }
}

TEST(ParseDiagnostics, AWrongVariantGetKeepsTheMemberFunctionContext) {
  const std::map<std::string, std::string> names = {
      {"/tmp/ws/src/serialization/pickler.cpp", "serialization/pickler.cpp"}};
  auto found = parse_diagnostics(recorded("serialization_template_error.txt"), names, "/course");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].file, "serialization/pickler.cpp");
  EXPECT_EQ(found[0].line, 374);
  EXPECT_EQ(found[0].column, 30);
  EXPECT_EQ(found[0].message, "static assertion failed: T must occur exactly once in alternatives");
  EXPECT_EQ(found[0].origin, "/usr/include/c++/12/variant:1145:42");
  EXPECT_EQ(found[0].context,
            "In member function 'void "
            "ipclab::pickle::{anonymous}::Pickler::write_value(const ipclab::pickle::Value&)'");
  // The library's follow-up errors (under candidates, after their own include
  // lines) are consequences of the first: it alone is kept.
  EXPECT_EQ(std::count_if(found.begin(), found.end(),
                          [](const Diagnostic& d) { return d.severity == "error"; }),
            1);
  // The unused-variable warning on the line above is the student's own, in place.
  auto warning = std::find_if(found.begin(), found.end(),
                              [](const Diagnostic& d) { return d.severity == "warning"; });
  ASSERT_NE(warning, found.end());
  EXPECT_EQ(warning->line, 373);
  EXPECT_EQ(warning->origin, "");
}

TEST(ParseDiagnostics, AnErrorInAHeaderWithoutAStudentFrameStaysWhereItIs) {
  std::string output =
      "/usr/include/x.hpp: In instantiation of 'void f() [with T = int]':\n"
      "/course/exercises/pipe/driver.cpp:9:3:   required from here\n"
      "/usr/include/x.hpp:4:5: error: bad\n";
  auto found = parse_diagnostics(output, kNames, "/course");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].file, "/usr/include/x.hpp");
  EXPECT_EQ(found[0].line, 4);
  EXPECT_EQ(found[0].origin, "");
}

TEST(ParseDiagnostics, TheFunctionContextEndsAtGlobalScope) {
  std::string output =
      "/ws/src/pipe/connection.cpp: In function 'int f()':\n"
      "/ws/src/pipe/connection.cpp:3:1: error: one\n"
      "/ws/src/pipe/connection.cpp: At global scope:\n"
      "/ws/src/pipe/connection.cpp:9:1: error: two\n";
  auto found = parse_diagnostics(output, kNames, "/course");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].context, "In function 'int f()'");
  EXPECT_EQ(found[1].context, "");
}

}  // namespace
}  // namespace grader
