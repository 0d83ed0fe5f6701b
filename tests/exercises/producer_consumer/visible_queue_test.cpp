// Producer-consumer: the queue tests students see. Each test drives the
// student's put()/get()/qsize() alone, or paired with the reference driver in
// another process, while the harness reads the shared segment itself.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "fixture.hpp"
#include "harness/expect.hpp"

namespace pc_harness {
namespace {

/// What probably went wrong when `sent` went in and `got` came out.
std::string fifo_hint(const std::vector<std::string>& sent, const std::vector<std::string>& got) {
  for (std::size_t i = 0; i < sent.size() && i < got.size(); ++i) {
    if (sent[i] == "None" && got[i] != "None") {
      return tr(
          "A None must come back as None: put(None) marks its slot with is_sentinel = true, and "
          "get() returns None for such a slot");
    }
  }
  return tr(
      // xgettext:no-c-format
      "put() writes at slots[tail] and get() reads at slots[head]; both indexes move on by one "
      "and wrap around at capacity: index = (index + 1) % capacity");
}

TEST(producer_consumer, put_get_fifo) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  student.ok("create " + q.str() + " 6");
  std::optional<QueueView> view = QueueView::open(q.str());
  IPCLAB_REQUIRE(view.has_value()) << trf("the harness cannot read the queue segment {}", q.str());
  const std::pair<const char*, const char*> puts[] = {{"0", "put(0)"},
                                                      {"1 1", "put(1, block=True)"},
                                                      {"2 1 None", "put(2, True, None)"},
                                                      {"3 0", "put(3, block=False)"},
                                                      {"4 1 1000", "put(4, timeout=1s)"},
                                                      {"None", "put(None)"}};
  for (const auto& [args, python] : puts) {
    Reply reply = call_or_explain(student, put_request(q, args), 3s,
                                  trf("{} on a queue with room must return at once", python));
    // TRANSLATORS: put(1, block=True) | what it did: "raised Full (queue is full)"
    IPCLAB_EXPECT(reply.ok) << trf("{} on a queue with room {}", python, outcome(reply));
  }
  IPCLAB_EXPECT(view->count() == 6)
      << trf("after 6 put()s the queue's shared count must be 6, it is {}: put() adds 1 to q.count",
             view->count());
  const char* expected[] = {"0", "1", "2", "3", "4", "None"};
  for (int i = 0; i < 6; ++i) {
    Reply got = call_or_explain(student, "get " + q.str(), 3s,
                                tr("get() on a queue that holds items must return at once"));
    IPCLAB_REQUIRE(got.ok && got.word(0) == expected[i])
        // TRANSLATORS: get() number 3 returned 7, expected 2: ...
        << trf("get() number {} {}, expected {}: items come out in the order they were put "
               "(FIFO), and a None comes back as None",
               i + 1, outcome(got), expected[i]);
  }
  IPCLAB_EXPECT(view->count() == 0) << trf(
      "after taking every item the shared count must be 0, it is {}: get() takes 1 from q.count",
      view->count());
  Reply empty = call_or_explain(student, "get " + q.str() + " 0", 3s,
                                tr("get(block=False) on an empty queue must raise Empty at once"));
  IPCLAB_EXPECT(empty.kind == "Empty")
      << trf("get(block=False) on an empty queue must raise Empty, but it {}", outcome(empty));
}

TEST(producer_consumer, qsize) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  student.ok("create " + q.str() + " 3");
  auto expect_size = [&](int want, const std::string& after) {
    Reply size = student.ok("qsize " + q.str());
    IPCLAB_EXPECT(size.number(0) == want)
        // TRANSLATORS: qsize() after <what happened to the queue> must be 2, it returned 3
        << trf("qsize() after {} must be {}, it returned {}", after, want, size.word(0));
  };
  auto put = [&](int item) { student.ok(put_request(q, std::to_string(item)), 3s); };
  auto get = [&] { student.ok("get " + q.str(), 3s); };
  expect_size(0, tr("creating the queue"));
  put(1);
  expect_size(1, tr("one put()"));
  put(2);
  expect_size(2, tr("two put()s"));
  get();
  expect_size(1, tr("two put()s and a get()"));
  get();
  expect_size(0, tr("two put()s and two get()s"));
  // Head and tail now go round the ring of 3 slots, past its end, several times.
  for (int round = 1; round <= 4; ++round) {
    put(round);
    put(round);
    expect_size(2, trf("two more put()s, round {} around the ring", round));
    get();
    get();
  }
  for (int item = 0; item < 3; ++item)
    put(item);
  expect_size(3, tr("filling the queue (3 of 3 items, head == tail)"));
}

/// Python's test_put: a full queue raises Full at once, after the timeout, or
/// at once again when block is False (the timeout is ignored then).
TEST(producer_consumer, put_timeouts) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  student.ok("create " + q.str() + " 6");
  for (int item = 0; item < 6; ++item)
    student.ok(put_request(q, std::to_string(item)), 3s);
  Timed now = timed_call(student, put_request(q, "7 0"), 3s,
                         tr("put(7, block=False) on a full queue must raise Full at once"));
  IPCLAB_EXPECT(now.reply.kind == "Full")
      << trf("put(7, block=False) on a full queue must raise Full, but it {}", outcome(now.reply));
  IPCLAB_EXPECT(now.ms < 1000) << trf("put(7, block=False) must raise Full at once, it took {} ms",
                                      now.ms);
  Timed timed = timed_call(student, put_request(q, "7 1 300"), 3s,
                           tr("put(7, timeout=300ms) on a full queue must raise Full after about "
                              "300 ms: wait with timed_wait() until deadline_after(timeout)"));
  IPCLAB_EXPECT(timed.reply.kind == "Full") << trf(
      "put(7, timeout=300ms) on a full queue must raise Full, but it {}", outcome(timed.reply));
  IPCLAB_EXPECT(timed.ms >= 250) << trf(
      "put(7, timeout=300ms) must wait about 300 ms before raising Full, it gave up after {} ms",
      timed.ms);
  IPCLAB_EXPECT(timed.ms < 2500) << trf(
      "put(7, timeout=300ms) must raise Full after about 300 ms, it took {} ms", timed.ms);
  Timed ignored = timed_call(student, put_request(q, "7 0 1000"), 3s,
                             tr("put(7, block=False, timeout=1s) must raise Full at once"));
  IPCLAB_EXPECT(ignored.reply.kind == "Full" && ignored.ms < 500)
      // TRANSLATORS: ..., but it <what it did: "returned", "raised Full (...)"> after 1000 ms
      << trf("put(7, block=False, timeout=1s) on a full queue must raise Full at once (the "
             "timeout is ignored when block is False), but it {} after {} ms",
             outcome(ignored.reply), ignored.ms);
  std::optional<QueueView> view = QueueView::open(q.str());
  IPCLAB_EXPECT(view && view->count() == 6)
      << trf("a put() that raised Full must leave the queue as it was (6 items), but its count "
             "is {}",
             view ? view->count() : 0);
}

/// Python's test_get: the mirror image on an empty queue.
TEST(producer_consumer, get_timeouts) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  student.ok("create " + q.str() + " 3");
  const std::string get = "get " + q.str();
  Timed now = timed_call(student, get + " 0", 3s,
                         tr("get(block=False) on an empty queue must raise Empty at once"));
  IPCLAB_EXPECT(now.reply.kind == "Empty")
      << trf("get(block=False) on an empty queue must raise Empty, but it {}", outcome(now.reply));
  IPCLAB_EXPECT(now.ms < 1000) << trf("get(block=False) must raise Empty at once, it took {} ms",
                                      now.ms);
  Timed timed = timed_call(student, get + " 1 300", 3s,
                           tr("get(timeout=300ms) on an empty queue must raise Empty after about "
                              "300 ms: wait with timed_wait() until deadline_after(timeout)"));
  IPCLAB_EXPECT(timed.reply.kind == "Empty") << trf(
      "get(timeout=300ms) on an empty queue must raise Empty, but it {}", outcome(timed.reply));
  IPCLAB_EXPECT(timed.ms >= 250) << trf(
      "get(timeout=300ms) must wait about 300 ms before raising Empty, it gave up after {} ms",
      timed.ms);
  IPCLAB_EXPECT(timed.ms < 2500) << trf(
      "get(timeout=300ms) must raise Empty after about 300 ms, it took {} ms", timed.ms);
  Timed ignored = timed_call(student, get + " 0 1000", 3s,
                             tr("get(block=False, timeout=1s) must raise Empty at once"));
  IPCLAB_EXPECT(ignored.reply.kind == "Empty" && ignored.ms < 500)
      << trf("get(block=False, timeout=1s) on an empty queue must raise Empty at once (the "
             "timeout is ignored when block is False), but it {} after {} ms",
             outcome(ignored.reply), ignored.ms);
  student.ok(put_request(q, "5"), 3s);
  Timed ready = timed_call(student, get + " 1 2000", 3s,
                           tr("get(timeout=2s) on a queue that holds an item must return at once"));
  IPCLAB_EXPECT(ready.reply.line == "ok 5" && ready.ms < 1000)
      << trf("get(timeout=2s) on a queue holding 5 must return 5 at once, but it {} after {} ms",
             outcome(ready.reply), ready.ms);
}

/// Items go round the ring several times, put by one driver and taken by the other.
void check_fifo(Driver& putter, Driver& getter, const QueueName& q, const std::string& who) {
  long long next = 0;
  for (int round = 0; round < 7; ++round) {
    std::vector<std::string> sent, got;
    for (int k = 0; k < 3; ++k) {
      sent.push_back(round == 3 && k == 1 ? "None" : std::to_string(next++));
      putter.ok(put_request(q, sent.back()), 3s);
    }
    for (std::size_t k = 0; k < sent.size(); ++k) {
      Reply reply = call_or_explain(getter, "get " + q.str() + " 1 2000", 3s,
                                    tr("get() on a queue that holds items must return at once"));
      got.push_back(reply.ok ? reply.word(0) : reply.kind);
    }
    IPCLAB_REQUIRE(got == sent) << trf(
        // TRANSLATORS: who put and who took the items | the round | the items that went in | the
        // items that came out | a hint, a whole sentence
        "{}, round {} (3 items each, on a queue of 4 slots): {} went in, {} came out. {}", who,
        round + 1, show(sent), show(got), fifo_hint(sent, got));
  }
}

TEST(producer_consumer, fifo_with_reference) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + q.str() + " 4");
  student.ok("open " + q.str());
  check_fifo(student, reference, q, tr("items put by your put() and taken by the reference get()"));
  check_fifo(reference, student, q, tr("items put by the reference put() and taken by your get()"));
}

/// The reply to a request posted on `waiter`, and how long after now it came.
Timed await_timed(Driver& waiter, const std::string& expectation) {
  auto start = std::chrono::steady_clock::now();
  Reply reply = await_or_explain(waiter, 4s, expectation);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return {took.count(), reply};
}

/// A wake-up arrives within 1 s; a waiter nobody notifies sleeps its whole
/// 2 s timeout (and then may still find the item or the room).
constexpr long long kWakeupMs = 1000;

TEST(producer_consumer, wakeups_across_processes) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + q.str() + " 1");
  student.ok("open " + q.str());
  const std::string get = "get " + q.str();
  // 1. The reference waits in get(); the student's put() must wake it.
  reference.post(get + " 1 2000");
  require_reference_blocked(reference, Waiting::for_item, "get()");
  call_or_explain(student, put_request(q, "41"), 3s, tr("put() on a queue with room must return"));
  Timed woken = await_timed(reference, tr("the reference get() has a 2 s timeout"));
  IPCLAB_EXPECT(woken.reply.line == "ok 41" && woken.ms < kWakeupMs)
      // TRANSLATORS: ...: it <what it did: "returned 41"> 2000 ms later. ...
      << trf("the reference get(timeout=2s), waiting in another process, was not woken by your "
             "put(41): it {} {} ms later. After putting an item, notify the condition a get() "
             "waits on (q.not_empty.notify_one())",
             outcome(woken.reply), woken.ms);
  // 2. The reference waits in put() on a full queue; the student's get() must wake it.
  reference.call(get + " 0");  // empty, whatever happened above
  reference.ok(put_request(q, "1"));
  reference.post(put_request(q, "2 1 2000"));
  require_reference_blocked(reference, Waiting::for_room, "put()");
  Reply first = call_or_explain(student, get, 3s, tr("get() on a full queue must return at once"));
  IPCLAB_EXPECT(first.line == "ok 1") << trf("get() on a queue holding 1 {}", outcome(first));
  Timed room = await_timed(reference, tr("the reference put() has a 2 s timeout"));
  IPCLAB_EXPECT(room.reply.ok && room.ms < kWakeupMs)
      << trf("the reference put(2, timeout=2s), waiting in another process for room, was not "
             "woken by your get(): it {} {} ms later. After taking an item, notify the condition "
             "a put() waits on (q.not_full.notify_one())",
             outcome(room.reply), room.ms);
  // 3. The student's get() waits; the reference put() must wake it.
  reference.call(get + " 0");
  student.post(get + " 1 2000");
  require_student_blocked(student, Waiting::for_item, tr("get(timeout=2s) on an empty queue"));
  reference.ok(put_request(q, "43"));
  Timed got = await_timed(student, tr("get(timeout=2s) must return once an item arrives"));
  IPCLAB_EXPECT(got.reply.line == "ok 43" && got.ms < kWakeupMs)
      // TRANSLATORS: ..., <what it did: "returned 43"> 1500 ms after ...
      << trf("your get(timeout=2s), waiting on an empty queue, {} {} ms after the reference put "
             "43 (which notifies not_empty)",
             outcome(got.reply), got.ms);
  // 4. The student's put() waits on a full queue; the reference get() must wake it.
  reference.call(get + " 0");
  reference.ok(put_request(q, "44"));
  student.post(put_request(q, "45 1 2000"));
  require_student_blocked(student, Waiting::for_room, tr("put(45, timeout=2s) on a full queue"));
  IPCLAB_EXPECT(reference.ok(get).line == "ok 44") << tr("the reference get() must return 44");
  Timed put = await_timed(student, tr("put(timeout=2s) must return once there is room"));
  IPCLAB_EXPECT(put.reply.ok && put.ms < kWakeupMs)
      << trf("your put(45, timeout=2s), waiting on a full queue, {} {} ms after the reference "
             "took an item (which notifies not_full)",
             outcome(put.reply), put.ms);
}

/// Wakes the waiters of `q` three times without changing the queue, as a
/// spurious wake-up (or a notify meant for another waiter) would.
void wake_without_change(Driver& reference, const QueueName& q) {
  for (int i = 0; i < 3; ++i) {
    reference.ok("notify " + q.str());
    std::this_thread::sleep_for(20ms);
  }
}

TEST(producer_consumer, spurious_wakeups) {
  QueueName q;
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + q.str() + " 2");
  std::optional<QueueView> view = QueueView::open(q.str());
  IPCLAB_REQUIRE(view.has_value()) << trf("the harness cannot read the queue segment {}", q.str());
  Driver a = Driver::start(Build::student);
  Driver b = Driver::start(Build::student);
  for (Driver* d : {&a, &b})
    d->ok("open " + q.str());
  // Two of your put()s wait on a full queue; wake-ups alone must not let them in.
  reference.ok(put_request(q, "1"));
  reference.ok(put_request(q, "2"));
  a.post(put_request(q, "101"));
  b.post(put_request(q, "102"));
  for (Driver* d : {&a, &b})
    require_student_blocked(*d, Waiting::for_room, tr("put() on a full queue"));
  wake_without_change(reference, q);
  // A put() that does not check again returns within microseconds of running;
  // 1.5 s lets a loaded machine run it, so it never passes by luck.
  bool returned = a.poll_reply(1500ms).has_value() | b.poll_reply(100ms).has_value();
  IPCLAB_REQUIRE(!returned && view->count() <= 2)
      << trf("a put() returned after a wake-up although the queue was still full: it now holds "
             "{} items, more than its maxsize 2. A wake-up only means \"look again\": after "
             "wait() returns, check the condition again, in a `while` loop, not an `if`",
             view->count());
  for (const char* item : {"1", "2"})
    IPCLAB_EXPECT(reference.ok("get " + q.str(), 3s).line == std::string("ok ") + item);
  for (Driver* d : {&a, &b})
    await_or_explain(*d, 3s, tr("put() must return once there is room"));
  // Two of your get()s wait on an empty queue; wake-ups alone must not let them out.
  reference.ok("get " + q.str(), 3s);
  reference.ok("get " + q.str(), 3s);
  a.post("get " + q.str());
  b.post("get " + q.str());
  for (Driver* d : {&a, &b})
    require_student_blocked(*d, Waiting::for_item, tr("get() on an empty queue"));
  wake_without_change(reference, q);
  std::optional<Reply> early = a.poll_reply(1500ms);
  if (!early) early = b.poll_reply(100ms);
  IPCLAB_REQUIRE(!early) << trf(
      // TRANSLATORS: a get() <what it did: "returned 7"> from an empty queue ...
      "a get() {} from an empty queue after a wake-up. A wake-up only means \"look again\": "
      "after wait() returns, check the condition again, in a `while` loop, not an `if`",
      outcome(*early));
  reference.ok(put_request(q, "7"));
  reference.ok(put_request(q, "8"));
  std::set<std::string> got;
  for (Driver* d : {&a, &b})
    got.insert(await_or_explain(*d, 3s, tr("get() must return once there is an item")).line);
  IPCLAB_EXPECT((got == std::set<std::string>{"ok 7", "ok 8"}))
      << tr("after the reference put 7 and 8, the two waiting get()s must return them");
}

}  // namespace
}  // namespace pc_harness
