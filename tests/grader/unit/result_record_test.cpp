// The result channel's record, as both the harness (writer) and the grader
// (reader) use it.
#include "exec/result_record.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace ipclab::exec {
namespace {

TEST(ResultRecord, AWrittenLineIsReadBackWhole) {
  ResultRecord record{"pipe_ping_pong.wire_format", "failed", "line one\n\"quoted\"", 42};
  std::string line = to_line(record);
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line: the message's newline is escaped";
  std::optional<ResultRecord> read = parse_line(line.substr(0, line.size() - 1));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->test, record.test);
  EXPECT_EQ(read->outcome, record.outcome);
  EXPECT_EQ(read->message, record.message);
  EXPECT_EQ(read->duration_ms, 42);
}

TEST(ResultRecord, InvalidUtf8InAMessageIsReplacedNotFatal) {
  std::string line = to_line({"a.b", "failed", std::string("bad \xff byte"), 0});
  std::optional<ResultRecord> read = parse_line(line);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->message, "bad \xEF\xBF\xBD byte");
}

TEST(ResultRecord, AnythingElseIsNoRecord) {
  EXPECT_FALSE(parse_line("passed"));
  EXPECT_FALSE(parse_line("{\"outcome\":\"passed\"}")) << "no test name";
  EXPECT_FALSE(parse_line("{\"test\":1,\"outcome\":\"passed\"}"));
  EXPECT_FALSE(parse_line(""));
}

TEST(ResultRecord, WrittenWholeThroughAPipe) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ResultRecord record{"a.b", "passed", std::string(3000, 'x'), 7};
  write_record(fds[1], record);
  ::close(fds[1]);
  std::string got;
  char buffer[1024];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    got.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  EXPECT_EQ(got, to_line(record));
}

}  // namespace
}  // namespace ipclab::exec
