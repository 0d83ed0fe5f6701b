#include "harness/test_deadline.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>

#include "exec/result_record.hpp"
#include "harness/driver.hpp"
#include "harness/hang_scene.hpp"
#include "harness/hang_verdict.hpp"
#include "harness/words.hpp"
#include "result_listener.hpp"

namespace ipclab::harness {
namespace {

using namespace std::chrono_literals;

/// The diagnosis of the hang, in the time the margin leaves.
std::string diagnose(std::chrono::milliseconds timeout, std::chrono::milliseconds margin) {
  LookOptions options;
  options.backtrace_budget = std::max<std::chrono::milliseconds>(margin / 2, 500ms);
  std::string text = trf(
      "the test did not finish: it was still running after {} of its {} timeout and was stopped.",
      seconds_words(timeout - margin), seconds_words(timeout));
  std::vector<LabelledRoot> roots = driver_roots();
  if (roots.empty()) return text + tr(" No driver was running: the test itself was waiting.");
  return text + "\n" + describe_scene(look(roots, options));
}

}  // namespace

std::chrono::milliseconds diagnosis_margin(std::chrono::milliseconds timeout) {
  return std::clamp<std::chrono::milliseconds>(timeout / 10, 2s, 4s);
}

TestDeadline::TestDeadline(int result_fd, std::chrono::milliseconds timeout,
                           std::chrono::steady_clock::time_point start)
    : result_fd_(result_fd), timeout_(timeout), start_(start) {
  // Every diagnosis, a command's too, must end before the grader stops us.
  set_look_deadline(start + timeout - 500ms);
}

TestDeadline::~TestDeadline() {
  stop();
}

void TestDeadline::OnTestStart(const ::testing::TestInfo& info) {
  stop();
  test_ended_ = false;
  watcher_ = std::thread(&TestDeadline::watch, this,
                         std::string(info.test_suite_name()) + "." + info.name());
}

void TestDeadline::OnTestEnd(const ::testing::TestInfo&) {
  stop();
}

void TestDeadline::stop() {
  {
    std::lock_guard lock(mutex_);
    test_ended_ = true;
  }
  ended_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

void TestDeadline::watch(std::string test) {
  const std::chrono::milliseconds margin = diagnosis_margin(timeout_);
  {
    std::unique_lock lock(mutex_);
    auto ended = [this] { return test_ended_; };
    if (ended_.wait_until(lock, start_ + timeout_ - margin, ended)) return;
    // A command's own diagnosis is under way, with the command's context, and
    // bounded by the deadline (set_look_deadline()): it ends the test.
    if (look_in_progress()) {
      ended_.wait(lock, ended);
      return;
    }
  }
  // The test's own thread may finish meanwhile: whoever claims the channel
  // first writes the test's one record.
  std::string message = diagnose(timeout_, margin);
  if (!claim_result_channel()) return;
  exec::ResultRecord record{test, "timed_out", message.substr(0, kResultMessageCap),
                            std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - start_)
                                .count()};
  exec::write_record(result_fd_, record);
  for (const LabelledRoot& root : driver_roots())
    ::kill(-root.pid, SIGKILL);  // each driver leads its own process group
  ::_exit(0);
}

}  // namespace ipclab::harness
