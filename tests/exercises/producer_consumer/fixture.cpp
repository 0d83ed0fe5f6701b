#include "fixture.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "exec/process_tree.hpp"
#include "harness/outcome.hpp"
#include "ipclab/names.hpp"
#include "queue_view.hpp"
#include "stuck.hpp"

namespace pc_harness {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

QueueName::QueueName(const std::string& stem) : name_(ipclab::unique_name(stem)) {}

QueueName::~QueueName() {
  ::shm_unlink(("/" + name_).c_str());
}

namespace {

std::string seconds(std::chrono::milliseconds duration) {
  return std::to_string(duration.count() / 1000.0).substr(0, 4) + " s";
}

[[noreturn]] void hung(const std::string& request, std::chrono::milliseconds timeout,
                       const std::string& expectation) {
  abort_test(
      Outcome::timed_out,
      // TRANSLATORS: `get q 1 2000` did not return within 3.00 s: <what it should have done>.
      trf("`{}` did not return within {}: {}.", request, seconds(timeout), expectation) + "\n" +
          explain_stuck_processes());
}

}  // namespace

Reply await_or_explain(Driver& driver, std::chrono::milliseconds timeout,
                       const std::string& expectation) {
  if (std::optional<Reply> reply = driver.poll_reply(timeout)) return *reply;
  hung(tr("(posted earlier)"), timeout, expectation);
}

Reply call_or_explain(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                      const std::string& expectation) {
  driver.post(request);
  if (std::optional<Reply> reply = driver.poll_reply(timeout)) return *reply;
  hung(request, timeout, expectation);
}

Timed timed_call(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                 const std::string& expectation) {
  auto start = std::chrono::steady_clock::now();
  Reply reply = call_or_explain(driver, request, timeout, expectation);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return {took.count(), reply};
}

void require_reference_blocked(const Driver& reference, Waiting what, const std::string& doing) {
  if (wait_until_blocked(reference.pid(), what, 3s)) return;
  abort_test(
      Outcome::unresolved,
      // TRANSLATORS: {} is the reference's call, as "get()" or "put()".
      trf("the reference {} did not start waiting within 3 s (an overloaded machine?)", doing) +
          "\n" + explain_stuck_processes());
}

namespace {

/// How a student call that never waited on its condition spent its time: on
/// the CPU in a loop (a busy-wait), or not at all.
struct Watched {
  int samples = 0;
  int running = 0;  ///< samples in which the process was runnable (state R)
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  bool busy() const { return samples >= 20 && running * 10 >= samples * 8; }
  std::string seconds() const {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return std::to_string(ms.count() / 1000.0).substr(0, 3) + " s";
  }
  int percent() const { return running * 100 / samples; }
};

/// The diagnosis that follows the evidence of a busy-wait.
std::string busy_diagnosis() {
  return tr(
      "Diagnosis: busy-wait. A loop that checks the queue again and again burns a CPU: wait on "
      "the condition with timed_wait() until the deadline instead.");
}

/// Why a call that should wait on `condition` returned (`early`): at once,
/// after busy-waiting (the evidence first), or after a while without waiting.
std::string returned_early(const std::string& doing, const std::string& condition,
                           const Reply& early, const Watched& watched) {
  if (watched.busy()) {
    // TRANSLATORS: get() on an empty queue | q.not_empty | returned 7 | 2.0 s | 95 | q.not_empty
    // xgettext:no-c-format
    return trf("{} must wait on {}, but it {} after {} of busy-waiting: it was running in {}% of "
               "the checks and never blocked on {}.",
               doing, condition, outcome(early), watched.seconds(), watched.percent(), condition) +
           "\n" + busy_diagnosis();
  }
  if (watched.samples < 20) {
    // TRANSLATORS: get() on an empty queue | q.not_empty | what the call did: "returned 7"
    return trf("{} must wait on {}, but it {} at once.", doing, condition, outcome(early));
  }
  return trf("{} must wait on {}, but it {} after {} without waiting on {}.", doing, condition,
             outcome(early), watched.seconds(), condition);
}

/// Why a call that should wait on `condition` had not after 3 s: `activity`
/// says what it did instead, unless it was busy-waiting.
std::string never_waited(const std::string& doing, const std::string& condition,
                         const std::string& activity, const Watched& watched) {
  if (watched.busy()) {
    // xgettext:no-c-format
    return trf("{} must wait on {}, but after 3 s it is still running after {} of busy-waiting: "
               "it was running in {}% of the checks and never blocked on {}.",
               doing, condition, watched.seconds(), watched.percent(), condition) +
           "\n" + busy_diagnosis();
  }
  // TRANSLATORS: get() on an empty queue | q.not_empty | "it does not wait at all", "it waits
  // for the mutex of queue 'q', ...", "it is sleeping in read()"
  return trf("{} must wait on {}, but after 3 s {}.", doing, condition, activity);
}

}  // namespace

void require_student_blocked(Driver& student, Waiting what, const std::string& doing) {
  const std::string condition = what == Waiting::for_room ? "q.not_full" : "q.not_empty";
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  std::string activity = tr("it does not wait at all");
  Watched watched;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::optional<Reply> early = student.poll_reply(0ms)) {
      abort_test(Outcome::failed, returned_early(doing, condition, *early, watched));
    }
    std::vector<ipclab::exec::ProcessInfo> tree = ipclab::exec::snapshot_tree(student.pid());
    if (!tree.empty()) {
      QueueWait wait = queue_wait(tree.front());
      if (wait.what == what) return;
      ++watched.samples;
      watched.running += tree.front().state == 'R' ? 1 : 0;
      activity = wait.what != Waiting::nothing
                     ? describe(wait)
                     : trf("it is {}", ipclab::harness::activity_words(tree.front()));
    }
    std::this_thread::sleep_for(5ms);
  }
  abort_test(Outcome::failed, never_waited(doing, condition, activity, watched));
}

std::string put_request(const QueueName& q, const std::string& args) {
  return "put " + q.str() + " " + args;
}

std::string outcome(const Reply& reply) {
  if (reply.ok && reply.words.empty()) return tr("returned");
  // TRANSLATORS: what a call did, completing "put(0) on a queue with room {}": "returned 7".
  if (reply.ok) return trf("returned {}", reply.words[0]);
  // TRANSLATORS: an exception and its message: "raised Full (queue is full)".
  return trf("raised {} ({})", reply.kind, reply.message);
}

std::string did(const std::string& call, const Reply& reply) {
  if (reply.ok && reply.words.empty()) return trf("{} returned", call);
  // TRANSLATORS: a call and the first word of its result: "consume() returned 7".
  if (reply.ok) return trf("{} returned {}", call, reply.words[0]);
  // TRANSLATORS: a call, an exception and its message: "get() raised Empty (queue is empty)".
  return trf("{} raised {} ({})", call, reply.kind, reply.message);
}

std::vector<long long> consumed_items(const Reply& reply) {
  std::vector<long long> items;
  for (std::size_t i = 1; i < reply.words.size(); ++i)
    items.push_back(reply.number(i));
  return items;
}

std::string show(const std::vector<std::string>& words) {
  constexpr std::size_t kShown = 12;
  std::string text = "[";
  for (std::size_t i = 0; i < words.size() && i < kShown; ++i)
    text += (i > 0 ? ", " : "") + words[i];
  if (words.size() > kShown) text += trf(", ... ({} items)", words.size());
  return text + "]";
}

std::string show(const std::vector<long long>& items) {
  std::vector<std::string> words;
  for (long long item : items)
    words.push_back(std::to_string(item));
  return show(words);
}

std::string prefix_of(const Driver& driver) {
  const char* prefix = std::getenv("IPCLAB_PREFIX");
  if (prefix != nullptr && *prefix != '\0') return prefix;
  return "ipclab_" + std::to_string(driver.pid()) + "_";  // see exercises/common/names.cpp
}

void expect_children_gone(const Driver& driver, const std::string& call) {
  std::vector<ipclab::exec::ProcessInfo> children;
  // run_pipeline() waits for its children: none may be left, not even exiting.
  for (int wait = 0; wait < 10; ++wait) {
    children = ipclab::exec::descendants(ipclab::exec::list_processes(), driver.pid());
    if (children.empty()) break;
    std::this_thread::sleep_for(50ms);
  }
  for (const auto& child : children) {
    ADD_FAILURE() << (child.state == 'Z'
                          ? trf("after {} returned, its child process (pid {}) is still a "
                                "zombie: waitpid() every producer and consumer",
                                call, child.pid)
                          : trf("after {} returned, its child process (pid {}) is still "
                                "running: every child must end with _exit()",
                                call, child.pid));
  }
  if (driver.output().find("instead of calling _exit()") != std::string::npos) {
    ADD_FAILURE() << trf("a child process of {} returned into the driver instead of ending "
                         "with _exit(): a forked child must call _exit() when its work is "
                         "done, never return",
                         call)
                  << driver.printed();
  }
}

void expect_no_segments(const Driver& driver, const std::string& call) {
  for (const std::string& name : segments_with_prefix(prefix_of(driver))) {
    ADD_FAILURE() << trf(
        "after {} returned, its shared-memory segment '{}' is still in "
        "/dev/shm: Queue::remove() every queue once all the children are "
        "joined",
        call, name);
    ::shm_unlink(("/" + name).c_str());
  }
}

}  // namespace pc_harness
