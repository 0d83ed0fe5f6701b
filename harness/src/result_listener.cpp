#include "result_listener.hpp"

#include <atomic>

#include "exec/result_record.hpp"
#include "harness/outcome.hpp"

namespace ipclab::harness {
namespace {

bool aborted(const ::testing::TestResult& result) {
  for (int i = 0; i < result.test_property_count(); ++i) {
    if (std::string(result.GetTestProperty(i).key()) == kOutcomeProperty) return true;
  }
  return false;
}

std::string outcome_of(const ::testing::TestResult& result) {
  if (result.Skipped()) return "skipped";
  if (result.Passed()) return "passed";
  for (int i = 0; i < result.test_property_count(); ++i) {
    const auto& property = result.GetTestProperty(i);
    if (std::string(property.key()) == kOutcomeProperty) return property.value();
  }
  return "failed";
}

/// GoogleTest prefixes ADD_FAILURE() messages with "Failed\n".
std::string clean(std::string text) {
  if (text.rfind("Failed\n", 0) == 0) text.erase(0, 7);
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text;
}

}  // namespace

bool claim_result_channel() {
  static std::atomic<bool> claimed{false};
  return !claimed.exchange(true);
}

std::string failure_message(const ::testing::TestResult& result) {
  std::string message;
  const bool was_aborted = aborted(result);
  for (int i = 0; i < result.total_part_count(); ++i) {
    const auto& part = result.GetTestPartResult(i);
    std::string text = clean(part.message());
    // The TestAborted that unwound the body is not news to the student.
    if (was_aborted &&
        text.find("Unknown C++ exception thrown in the test body") != std::string::npos) {
      continue;
    }
    // A skipped test keeps its reason: the student sees why it did not run.
    if ((part.skipped() && !result.Skipped()) || text.empty()) continue;
    if (!message.empty()) message += "\n";
    message += text;
  }
  if (message.size() > kResultMessageCap)
    message = message.substr(0, kResultMessageCap) + "\n[...]";
  return message;
}

void ResultListener::OnTestEnd(const ::testing::TestInfo& info) {
  if (!claim_result_channel()) return;  // the deadline reported this test already
  const ::testing::TestResult& result = *info.result();
  exec::ResultRecord record{std::string(info.test_suite_name()) + "." + info.name(),
                            outcome_of(result), failure_message(result), result.elapsed_time()};
  exec::write_record(fd_, record);
}

}  // namespace ipclab::harness
