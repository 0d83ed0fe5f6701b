// Producer-consumer: a blocking put() or get() with a timeout of zero or less
// does not wait at all (as in Python's multiprocessing.Queue): it does what it
// can at once, or raises Full / Empty at once.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"

namespace pc_harness {
namespace {

// "At once" is a few microseconds; the bound leaves a loaded machine a wide
// margin, and a call that waits (forever, or for a huge unsigned timeout) ends
// at the call's deadline, twice the bound.
constexpr long long kAtOnceMs = 2500;
constexpr auto kCallDeadline = 5s;

/// `request` (the Python call `python`) must answer `want` ("ok", "ok 5",
/// "error Full") within kAtOnceMs; `doing` says it for a person ("raise Full").
void expect_at_once(Driver& student, const std::string& request, const std::string& python,
                    const std::string& want, const std::string& doing) {
  Timed timed =
      timed_call(student, request, kCallDeadline,
                 trf("{} must not wait: a timeout of zero or less does not wait", python));
  std::string got = timed.reply.ok ? timed.reply.line : "error " + timed.reply.kind;
  // TRANSLATORS: get(timeout=0) on an empty queue | what it must do: "raise Empty" | what it
  // did: "returned 7"
  IPCLAB_EXPECT(got == want) << trf("{} must {} at once, but it {}", python, doing,
                                    outcome(timed.reply));
  IPCLAB_EXPECT(timed.ms < kAtOnceMs)
      << trf("{} must not wait (a timeout of zero or less means: do not wait), it took {} ms",
             python, timed.ms);
}

TEST(producer_consumer, zero_timeouts) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  student.ok("create " + q.str() + " 2");
  const std::string put = "put " + q.str() + " ";
  const std::string get = "get " + q.str() + " ";
  expect_at_once(student, get + "1 0", tr("get(timeout=0) on an empty queue"), "error Empty",
                 tr("raise Empty"));
  expect_at_once(student, get + "1 -5", tr("get(timeout=-5ms) on an empty queue"), "error Empty",
                 tr("raise Empty"));
  expect_at_once(student, put + "1 1 0", tr("put(1, timeout=0) on an empty queue"), "ok",
                 tr("put the item"));
  expect_at_once(student, put + "2 1 -5", tr("put(2, timeout=-5ms) with room left"), "ok",
                 tr("put the item"));
  expect_at_once(student, put + "3 1 0", tr("put(3, timeout=0) on a full queue"), "error Full",
                 tr("raise Full"));
  expect_at_once(student, put + "3 1 -5", tr("put(3, timeout=-5ms) on a full queue"), "error Full",
                 tr("raise Full"));
  expect_at_once(student, get + "1 0", tr("get(timeout=0) with items waiting"), "ok 1",
                 tr("return 1"));
  expect_at_once(student, get + "1 -5", tr("get(timeout=-5ms) with an item waiting"), "ok 2",
                 tr("return 2"));
  std::optional<QueueView> view = QueueView::open(q.str());
  IPCLAB_EXPECT(view && view->count() == 0)
      << trf("after two puts and two gets the queue must be empty, but its count is {}",
             view ? view->count() : 0);
}

}  // namespace
}  // namespace pc_harness
