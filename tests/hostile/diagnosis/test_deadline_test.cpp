// The whole-test deadline on a real process: shortly before the grader would
// stop the test, the harness itself reports it as timed_out, with a
// diagnosis, on the result channel, and ends.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/orphan_reaper.hpp"
#include "exec/result_record.hpp"
#include "harness/test_deadline.hpp"

namespace {

using namespace std::chrono_literals;
using ipclab::harness::diagnosis_margin;
using ipclab::harness::TestDeadline;
using testing::HasSubstr;

TEST(TestDeadline, TheMarginIsATenthOfTheTimeoutWithinTwoToFourSeconds) {
  EXPECT_EQ(diagnosis_margin(5s), 2s);
  EXPECT_EQ(diagnosis_margin(30s), 3s);
  EXPECT_EQ(diagnosis_margin(90s), 4s);
}

/// Everything readable from `fd` until every writer has closed it.
std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

TEST(TestDeadline, AHungTestIsReportedAsTimedOutBeforeTheGradersDeadline) {
  int channel[2];
  ASSERT_EQ(::pipe(channel), 0);
  const auto start = std::chrono::steady_clock::now();
  // Known to the runner's orphan reaper (live_scene_test.cpp may have started
  // it), which would otherwise kill a child it does not know.
  auto& reaper = ipclab::exec::OrphanReaper::instance();
  auto lock = reaper.launch_lock();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(channel[0]);
    // A 2.5 s timeout leaves a 2 s margin: the deadline fires after 0.5 s.
    TestDeadline deadline(channel[1], 2500ms, std::chrono::steady_clock::now());
    deadline.OnTestStart(*::testing::UnitTest::GetInstance()->current_test_info());
    std::this_thread::sleep_for(20s);  // the hung test body
    ::_exit(3);                        // reached only if the deadline never fired
  }
  reaper.adopt(child);
  lock.unlock();
  ::close(channel[1]);
  std::string line = read_all(channel[0]);
  ::close(channel[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  reaper.release(child);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the harness ends after reporting";
  EXPECT_LT(took, 15s) << "it must not wait for the hung body";
  auto record = ipclab::exec::parse_line(line.substr(0, line.find('\n')));
  ASSERT_TRUE(record.has_value()) << line;
  EXPECT_EQ(record->test, "TestDeadline.AHungTestIsReportedAsTimedOutBeforeTheGradersDeadline");
  EXPECT_EQ(record->outcome, "timed_out");
  EXPECT_THAT(record->message,
              HasSubstr("the test did not finish: it was still running after 0.5 s of its 2.5 s "
                        "timeout and was stopped."));
}

TEST(TestDeadline, ATestThatEndsInTimeWritesNothing) {
  int channel[2];
  ASSERT_EQ(::pipe(channel), 0);
  {
    TestDeadline deadline(channel[1], 60s, std::chrono::steady_clock::now());
    deadline.OnTestStart(*::testing::UnitTest::GetInstance()->current_test_info());
    deadline.OnTestEnd(*::testing::UnitTest::GetInstance()->current_test_info());
  }
  ::close(channel[1]);
  EXPECT_EQ(read_all(channel[0]), "");
  ::close(channel[0]);
}

}  // namespace
