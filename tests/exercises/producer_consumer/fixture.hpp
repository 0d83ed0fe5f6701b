#pragma once
// Helpers shared by the producer-consumer tests: queue names that are cleaned
// up, calls that explain a hang in terms of queues, and readable item lists.

#include <chrono>
#include <string>
#include <vector>

#include "harness/driver.hpp"
#include "harness/words.hpp"
#include "queue_view.hpp"

namespace pc_harness {

using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value).
using ipclab::harness::tr;
using ipclab::harness::tr_later;
using ipclab::harness::trf;
using ipclab::harness::trnf;
using namespace std::chrono_literals;

/// A fresh queue name (with the run's prefix) whose segment is removed when
/// the test ends, whoever created it.
class QueueName {
 public:
  explicit QueueName(const std::string& stem = "q");
  ~QueueName();
  QueueName(const QueueName&) = delete;
  QueueName& operator=(const QueueName&) = delete;
  const std::string& str() const { return name_; }

 private:
  std::string name_;
};

/// The driver's request that puts on `q`: "put NAME ARGS" (the item, then
/// the call's options).
std::string put_request(const QueueName& q, const std::string& args);

/// Sends `request` to `driver` and returns the reply. When none comes within
/// `timeout`, ends the test (timed_out) with `expectation` and what every
/// process waits on.
Reply call_or_explain(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                      const std::string& expectation);

/// The reply to a request posted earlier, with the same explanation on a hang.
Reply await_or_explain(Driver& driver, std::chrono::milliseconds timeout,
                       const std::string& expectation);

/// A reply and how long the call took.
struct Timed {
  long long ms = 0;
  Reply reply;
};
Timed timed_call(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                 const std::string& expectation);

/// Ends the test (unresolved: a harness problem) unless the reference driver
/// blocks waiting for `what` within 3 s; `doing` names its call ("get()").
void require_reference_blocked(const Driver& reference, Waiting what, const std::string& doing);

/// Waits up to 3 s until `student`, which has a call posted (`doing`, as
/// "get(timeout=2.5s) on an empty queue"), blocks waiting for `what`. Ends the
/// test (failed) if the call returns instead, or waits on something else.
void require_student_blocked(Driver& student, Waiting what, const std::string& doing);

/// "returned 7", "raised Full (queue is full)": what a reply says, for messages
/// that go on after their subject ("put(0) on a full queue {}").
std::string outcome(const Reply& reply);

/// "consume() returned 7", "produce(q, 100, 50) raised Full (queue is full)":
/// what `call` did, as a whole sentence.
std::string did(const std::string& call, const Reply& reply);

/// The items of a `consume` reply ("ok COUNT ITEM...").
std::vector<long long> consumed_items(const Reply& reply);

/// "[1, 2, None]", shortened after 12 items.
std::string show(const std::vector<long long>& items);
std::string show(const std::vector<std::string>& words);

/// The prefix of the IPC names that `driver` creates with ipclab::unique_name().
std::string prefix_of(const Driver& driver);

/// Fails (does not end) the test if `driver` still has child processes
/// 0.5 s after `call` returned, or printed that a child returned instead of _exit().
void expect_children_gone(const Driver& driver, const std::string& call);

/// Fails the test if segments named with `driver`'s prefix are left in /dev/shm.
void expect_no_segments(const Driver& driver, const std::string& call);

}  // namespace pc_harness
