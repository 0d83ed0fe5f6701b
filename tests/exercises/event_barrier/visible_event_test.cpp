// Event and barrier: the Event tests students see. Student and reference
// processes use the same Event in shared memory, so a failure points at the
// function of the student's code that broke the rules.
#include <gtest/gtest.h>

#include <thread>

#include "harness/expect.hpp"

#include "lab.hpp"

namespace eb_harness {
namespace {

TEST(event_barrier, event_flag) {
  Lab lab;
  lab.event("e");
  Driver& mine = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);

  IPCLAB_EXPECT(mine.ok("is_set e").word(0) == "0") << tr("a new Event must not be set");
  Timed quick = timed_call(mine, "wait e 0");
  IPCLAB_EXPECT(quick.reply.line == "ok 0")
      << trf("wait(0 ms) on an unset event must return false, it {}", outcome(quick.reply));
  IPCLAB_EXPECT(quick.ms < 1000) << trf("wait(0 ms) must not wait, it took {} ms", quick.ms);
  Timed timed = timed_call(mine, "wait e 300");
  IPCLAB_EXPECT(timed.reply.line == "ok 0")
      << trf("wait(300 ms) on an event nobody sets must return false, it {}", outcome(timed.reply));
  IPCLAB_EXPECT(timed.ms >= 250) << trf(
      "wait(300 ms) on an unset event must wait about 300 ms, it returned after {} ms "
      "(timed_wait() wants a system_clock deadline: a steady_clock time point counts as long "
      "past)",
      timed.ms);
  IPCLAB_EXPECT(timed.ms < 3000) << trf("wait(300 ms) took {} ms", timed.ms);

  mine.ok("set e");
  IPCLAB_EXPECT(peer.ok("is_set e").word(0) == "1")
      << tr("after your set(), another process must see is_set() true: set the flag of the "
            "shared Event");
  IPCLAB_EXPECT(mine.ok("is_set e").word(0) == "1") << tr("after set(), is_set() must be true");
  mine.ok("set e");
  IPCLAB_EXPECT(mine.ok("is_set e").word(0) == "1") << tr("set() twice must leave the flag set");
  for (const char* request : {"wait e", "wait e 300", "wait e 0"}) {
    Timed set = timed_call(mine, request);
    IPCLAB_EXPECT(set.reply.line == "ok 1")
        << trf("`{}` on a set event must return true, it {}", request, outcome(set.reply));
    IPCLAB_EXPECT(set.ms < 1000) << trf("`{}` on a set event must return at once, it took {} ms",
                                        request, set.ms);
  }

  mine.ok("clear e");
  IPCLAB_EXPECT(peer.ok("is_set e").word(0) == "0")
      << tr("after your clear(), another process must see is_set() false");
  IPCLAB_EXPECT(mine.ok("wait e -5").line == "ok 0")
      << tr("wait() with a negative timeout on an unset event must return false at once");
  peer.ok("set e");
  IPCLAB_EXPECT(mine.ok("is_set e").word(0) == "1")
      << tr("after another process set the event, your is_set() must be true");
  peer.ok("clear e");
  IPCLAB_EXPECT(mine.ok("is_set e").word(0) == "0")
      << tr("after another process cleared the event, your is_set() must be false");
}

/// `waiter` blocks in `request`; `setter` sets the event: the waiter must return true.
void expect_woken(Driver& waiter, Driver& setter, const std::string& request) {
  setter.ok("clear e");
  waiter.post(request);
  std::optional<Reply> early = wait_until_blocked(waiter);
  if (!early) early = waiter.poll_reply(1000ms);
  if (early) {
    ADD_FAILURE() << trf(
        // TRANSLATORS: `REQUEST` in PROCESS WHAT IT DID although nobody had set the event.
        "`{}` in {} {} although nobody had set the event: it must block until set()", request,
        who(waiter), outcome(*early));
    return;
  }
  setter.ok("set e");
  const auto set_at = Clock::now();
  std::optional<Reply> reply = waiter.poll_reply(3s);
  IPCLAB_REQUIRE(reply) << (setter.build() == Build::student
                                ? trf(
                                      // TRANSLATORS: `REQUEST` in PROCESS did not return within 3 s
                                      // after PROCESS called set().
                                      "`{}` in {} did not return within 3 s after {} called "
                                      "set(): set() must notify the condition (notify_all()) "
                                      "after setting the flag",
                                      request, who(waiter), who(setter))
                                : trf("`{}` in {} did not return within 3 s after {} called "
                                      "set(): wait() must sleep on the condition "
                                      "(changed_.wait()) and look at the flag again when woken",
                                      request, who(waiter), who(setter)));
  IPCLAB_EXPECT(reply->line == "ok 1") << trf("`{}` in {} {} after set(); it must return true",
                                              request, who(waiter), outcome(*reply));
  IPCLAB_EXPECT(since(set_at) < 2000)
      << trf("`{}` returned {} ms after set(): it must wake up at once", request, since(set_at));
}

TEST(event_barrier, event_wakes_waiter) {
  Lab lab;
  lab.event("e");
  Driver& mine = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  for (const char* request : {"wait e", "wait e 10000"}) {
    expect_woken(mine, peer, request);
    expect_woken(peer, mine, request);
  }
}

/// Three `waiters` block in wait(); `setter` sets once: all three must return.
void expect_all_woken(std::vector<Driver*> waiters, Driver& setter) {
  for (Driver* waiter : waiters) {
    waiter->post("wait e");
    if (std::optional<Reply> early = wait_until_blocked(*waiter)) {
      fail(trf("wait() in {} {} although nobody had set the event: it must block until set()",
               who(*waiter), outcome(*early)));
    }
  }
  setter.ok("set e");
  int woken = 0;
  const auto deadline = Clock::now() + 3s;
  for (Driver* waiter : waiters) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::optional<Reply> reply = waiter->poll_reply(std::max(left, 0ms));
    if (reply && reply->line == "ok 1") ++woken;
  }
  if (setter.build() == Build::student) {
    IPCLAB_EXPECT(woken == 3) << trf(
        "your set() woke only {} of the 3 processes waiting in wait(): set() must wake every "
        "waiter (notify_all(), not notify_one())",
        woken);
  } else {
    IPCLAB_EXPECT(woken == 3) << trf(
        "set() woke every waiter, but only {} of your 3 waiting processes returned true: wait() "
        "must return as soon as the flag is set, and must not change the flag itself",
        woken);
  }
}

TEST(event_barrier, event_wakes_every_waiter) {
  {
    Lab lab;
    lab.event("e");
    Driver& setter = lab.add(Build::student);
    expect_all_woken(
        {&lab.add(Build::reference), &lab.add(Build::reference), &lab.add(Build::reference)},
        setter);
  }
  {
    Lab lab;
    lab.event("e");
    Driver& setter = lab.add(Build::reference);
    expect_all_woken({&lab.add(Build::student), &lab.add(Build::student), &lab.add(Build::student)},
                     setter);
  }
}

TEST(event_barrier, event_spurious_wakeups) {
  Lab lab;
  lab.event("e");
  Driver& mine = lab.add(Build::student);
  Driver& poker = lab.add(Build::reference);
  poker.ok("poke_start e 2000");  // notify_all() every 2 ms, the flag untouched

  mine.post("wait e");
  // 1.5 s of pokes every 2 ms: a wait() without a loop returns within
  // microseconds of running, so even a loaded machine never lets it pass.
  if (std::optional<Reply> early = mine.poll_reply(1500ms)) {
    FAIL() << trf(
        "wait() {} although the event was never set: another process called notify_all() "
        "without setting the flag (a condition may wake you for no reason). Wait in a loop, "
        "`while (!flag_) changed_.wait(lock);`, not with an `if`",
        outcome(*early));
  }
  poker.ok("set e");
  std::optional<Reply> woken = mine.poll_reply(3s);
  IPCLAB_REQUIRE(woken && woken->line == "ok 1")
      << trf("wait() must return true once the event is set, it {}",
             woken ? outcome(*woken) : tr("did not return within 3 s"));
  poker.ok("clear e");

  const auto start = Clock::now();
  mine.post("wait e 700");
  std::optional<Reply> timed = mine.poll_reply(3s);
  if (!timed) {
    poker.ok("poke_stop");
    FAIL() << tr(
        "wait(700 ms) had not returned after 3 s, while another process kept waking it without "
        "setting the flag: its deadline is never reached. Either it is computed again after each "
        "wake-up (compute the deadline once, before the loop), or it lies too far ahead (the "
        "timeout in seconds where milliseconds were meant)");
  }
  const long long ms = since(start);
  IPCLAB_EXPECT(timed->line == "ok 0")
      << trf("wait(700 ms) on an event nobody sets must return false, it {} (woken by a "
             "notify_all() that did not set the flag)",
             outcome(*timed));
  IPCLAB_EXPECT(ms >= 650) << trf(
      "wait(700 ms) returned after {} ms: a wake-up is not the end of the wait; loop until the "
      "flag is set or the deadline passed",
      ms);
  IPCLAB_EXPECT(poker.ok("poke_stop").number(0) > 0) << tr("the test's notifier did not run");
}

TEST(event_barrier, event_lost_wakeups) {
  // Two processes pass the turn back and forth 1000 times: each waits for its
  // event, clears it and sets the other's. A set() that lands between a
  // waiter's look at the flag and its sleep is lost, and that waiter sleeps
  // until its 2 s timeout. (In grading builds reading a false flag pauses
  // 0.1 ms, so such a gap is hit in the first rounds.)
  for (bool student_first : {true, false}) {
    Lab lab;
    lab.event("ping");
    lab.event("pong");
    Driver& mine = lab.add(Build::student);
    Driver& peer = lab.add(Build::reference);
    mine.post(std::string("relay ping pong 1000 2000 ") + (student_first ? "1" : "0"));
    peer.post(std::string("relay pong ping 1000 2000 ") + (student_first ? "0" : "1"));
    Reply mine_done = mine.await_reply(60s);
    Reply peer_done = peer.await_reply(60s);
    IPCLAB_REQUIRE(mine_done.ok && peer_done.ok)
        << trf("the relay failed: your process {}; the reference {}", outcome(mine_done),
               outcome(peer_done));
    IPCLAB_EXPECT(mine_done.word(1) != "lost") << trf(
        "your wait() slept through a set(): in round {} of 1000 it waited its full timeout of "
        "2 s although the other process had set the event. Look at the flag only while holding "
        "the mutex, and keep holding it until changed_.wait() (which releases it while "
        "sleeping): checked before locking, a set() in between is lost",
        mine_done.word(0));
    IPCLAB_EXPECT(peer_done.word(1) != "lost") << trf(
        "the reference's wait() slept through your set(): in round {} of 1000 it waited its full "
        "timeout of 2 s although your process had set the event. Set the flag and notify while "
        "holding the mutex: a waiter that has just seen 'false' under the mutex is about to "
        "sleep, and a notification sent before it sleeps is lost",
        peer_done.word(0));
    if (mine_done.word(1) != "lost" && peer_done.word(1) != "lost") {
      IPCLAB_EXPECT(mine_done.line == "ok 1000 done" && peer_done.line == "ok 1000 done")
          // TRANSLATORS: the relay stopped: your process WHAT IT DID ("returned 12 stalled"),
          // the reference WHAT IT DID; 'stalled' is a word of the reply, it stays.
          << trf("the relay stopped: your process {}, the reference {} (rounds completed, then "
                 "how it ended: 'stalled' means its wait() ran out of time and the event was not "
                 "set). Check that wait() returns true as soon as the flag is set, and that set() "
                 "and clear() change the shared flag",
                 outcome(mine_done), outcome(peer_done));
    }
  }
}

}  // namespace
}  // namespace eb_harness
