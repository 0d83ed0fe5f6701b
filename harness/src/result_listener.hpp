#pragma once
// Streams one JSON record per finished test to the grader's result channel:
//   {"test":"pipe_ping_pong.eof","outcome":"failed","message":"...","duration_ms":12}
// The channel is a pipe inherited as $IPCLAB_RESULT_FD; it is close-on-exec and
// this process is not dumpable, so no driver can write to it.

#include <gtest/gtest.h>

namespace ipclab::harness {

class ResultListener : public ::testing::EmptyTestEventListener {
 public:
  explicit ResultListener(int fd) : fd_(fd) {}
  void OnTestEnd(const ::testing::TestInfo& info) override;

 private:
  int fd_;
};

/// The longest message a record carries.
inline constexpr std::size_t kResultMessageCap = 8192;

/// True for the first caller only: the one record of the test is written by
/// whoever claims the channel first (the test's end, or its deadline).
bool claim_result_channel();

/// The failure text of a finished test, as the student should read it.
std::string failure_message(const ::testing::TestResult& result);

}  // namespace ipclab::harness
