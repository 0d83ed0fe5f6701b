// Event and barrier: the Barrier tests students see. Student and reference
// processes are parties of the same Barrier in shared memory.
#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "barrier_checks.hpp"
#include "lab.hpp"

namespace eb_harness {
namespace {

TEST(event_barrier, barrier_basics) {
  Lab lab;
  lab.barrier("b", 3);
  Driver& a = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  Driver& c = lab.add(Build::student);
  Driver& observer = lab.add(Build::student);

  IPCLAB_EXPECT(observer.ok("parties b").word(0) == "3") << tr("Barrier(3).parties() must be 3");
  IPCLAB_EXPECT(observer.ok("n_waiting b").word(0) == "0")
      << tr("a new barrier has nobody waiting: n_waiting() must be 0");
  IPCLAB_EXPECT(observer.ok("broken b").word(0) == "0") << tr("a new barrier is not broken");
  expect_pass({&a, &peer, &c}, observer, "bwait b", tr("pass 1 (your process releases)"));
  expect_pass({&c, &a, &peer}, observer, "bwait b", tr("pass 2 (the reference releases)"));
  expect_pass({&peer, &c, &a}, observer, "bwait b 10000", tr("pass 3, wait(10 s)"));
  IPCLAB_EXPECT(observer.ok("n_waiting b").word(0) == "0")
      << tr("after a pass nobody is waiting: n_waiting() must be 0");
  IPCLAB_EXPECT(observer.ok("broken b").word(0) == "0") << tr("passing does not break the barrier");

  lab.barrier("one", 1);
  for (int pass = 1; pass <= 2; ++pass) {
    Reply alone = a.call("bwait one", 3s);
    IPCLAB_EXPECT(alone.line == "ok 0")
        << trf("Barrier(1).wait() must return 0 at once (pass {}), it {}", pass, outcome(alone));
  }
}

TEST(event_barrier, barrier_spurious_wakeups) {
  Lab lab;
  lab.barrier("b", 3);
  Driver& a = lab.add(Build::student);
  Driver& c = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  peer.ok("poke_start b 2000");  // notify_all() every 2 ms, nothing changed
  const std::string advice =
      tr(" Another process kept calling notify_all() all along without changing anything (a "
         "condition may wake you for no reason). Wait in a loop, `while (state_ == "
         "State::filling)`, not with an `if`; and a wake-up before the deadline is not a "
         "timeout.");
  arrive(a, "bwait b", peer, 1, advice);
  arrive(c, "bwait b 10000", peer, 2, advice);
  for (Driver* party : {&a, &c}) {
    // A wait() that does not check again returns within microseconds of
    // running; 1.5 s lets a loaded machine run it, so it never passes by luck.
    if (std::optional<Reply> early = party->poll_reply(1500ms)) {
      // TRANSLATORS: with 2 of 3 parties waiting, the wait() in PROCESS WHAT IT DID.
      fail(trf("with 2 of 3 parties waiting, the wait() in {} {}.", who(*party), outcome(*early)) +
           advice);
    }
  }
  Reply last = peer.call("bwait b", 3s);
  IPCLAB_EXPECT(last.line == "ok 2")
      << trf("the third party must pass with index 2, it {}", outcome(last));
  for (Driver* party : {&a, &c}) {
    std::optional<Reply> reply = party->poll_reply(3s);
    IPCLAB_EXPECT(reply && reply->ok)
        << trf("once the third party arrived, the wait() in {} must return, it {}", who(*party),
               reply ? outcome(*reply) : tr("was still waiting 3 s later"));
  }
  IPCLAB_EXPECT(peer.ok("poke_stop").number(0) > 0) << tr("the test's notifier did not run");
}

TEST(event_barrier, barrier_reuse) {
  {
    Lab lab;
    lab.barrier("b", 3);
    Driver& a = lab.add(Build::student);
    Driver& b = lab.add(Build::student);
    Driver& c = lab.add(Build::student);
    expect_lockstep(lab, {&a, &b, &c}, 300, nullptr, 20s);
  }
  Lab lab;
  lab.barrier("b", 3);
  Driver& a = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  Driver& c = lab.add(Build::student);
  expect_lockstep(lab, {&a, &peer, &c}, 300, nullptr, 20s);
  const Reply fields = peer.ok("state b");
  IPCLAB_EXPECT(fields.line == "ok count 0 state 0")
      << trf("after the last pass the barrier must be back to its initial fields (count_ 0, "
             "state filling), but it has {}",
             fields.line.substr(3));
}

TEST(event_barrier, barrier_timeout) {
  for (Build timing_out : {Build::student, Build::reference}) {
    Lab lab;
    lab.barrier("b", 3);
    Driver& impatient = lab.add(timing_out);
    Driver& patient = lab.add(timing_out == Build::student ? Build::reference : Build::student);
    arrive(patient, "bwait b", impatient, 1);
    const auto start = Clock::now();
    impatient.post("bwait b 300");
    std::optional<Reply> timed = impatient.poll_reply(3s);
    const long long ms = since(start);
    if (!timed || timed->kind != "BrokenBarrierError") {
      fail(trf(
          // TRANSLATORS: ..., but in PROCESS it WHAT IT DID.
          "wait(300 ms) with 2 of 3 parties there must time out and throw "
          "BrokenBarrierError, but in {} it {}",
          who(impatient), timed ? outcome(*timed) : tr("was still waiting after 3 s")));
    }
    IPCLAB_EXPECT(ms >= 250) << trf(
        "wait(300 ms) in {} gave up after {} ms; it must wait about 300 ms (a system_clock "
        "deadline, computed once)",
        who(impatient), ms);
    expect_broken_out({&patient}, trf("after wait(300 ms) in {} timed out", who(impatient)),
                      timing_out == Build::student
                          ? tr("a timeout must break the barrier for everyone: break_barrier() "
                               "(state broken, notify_all()) before you throw")
                          : tr("a waiting party must throw BrokenBarrierError when it wakes up "
                               "and the state is broken"));
    for (Driver* party : {&impatient, &patient}) {
      IPCLAB_EXPECT(party->ok("broken b").word(0) == "1")
          << trf("after a timeout the barrier is broken: broken() in {} must be true", who(*party));
      Timed again = timed_call(*party, "bwait b 5000", 3s);
      IPCLAB_EXPECT(again.reply.kind == "BrokenBarrierError" && again.ms < 1000)
          << trf("wait() on a broken barrier must throw BrokenBarrierError at once, in {} it {} "
                 "after {} ms",
                 who(*party), outcome(again.reply), again.ms);
    }
  }
}

TEST(event_barrier, barrier_abort) {
  for (Build aborting : {Build::student, Build::reference}) {
    Lab lab;
    lab.barrier("b", 3);
    Driver& a = lab.add(Build::student);
    Driver& peer = lab.add(Build::reference);
    Driver& aborter = lab.add(aborting);
    arrive(a, "bwait b", aborter, 1);
    arrive(peer, "bwait b", aborter, 2);
    aborter.ok("abort b");
    expect_broken_out({&a, &peer}, trf("after abort() in {}", who(aborter)),
                      aborting == Build::student
                          ? tr("abort() must break the barrier (state broken) and wake every "
                               "waiting party (notify_all())")
                          : tr("a waiting party must throw BrokenBarrierError when it wakes up "
                               "and the state is broken"));
    IPCLAB_EXPECT(a.ok("broken b").word(0) == "1")
        << tr("after abort(), broken() must be true (asked in your process)");
    Timed again = timed_call(a, "bwait b", 3s);
    IPCLAB_EXPECT(again.reply.kind == "BrokenBarrierError")
        << trf("wait() on an aborted barrier must throw BrokenBarrierError at once, it {}",
               outcome(again.reply));
  }
}

TEST(event_barrier, barrier_reset) {
  Lab lab;
  lab.barrier("b", 3);
  Driver& a = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  Driver& c = lab.add(Build::student);
  Driver& observer = lab.add(Build::student);
  arrive(a, "bwait b", peer, 1);
  arrive(c, "bwait b", peer, 2);
  peer.ok("reset b");
  expect_broken_out({&a, &c}, tr("after reset() in the reference process"),
                    tr("a waiting party must throw BrokenBarrierError when it wakes up and the "
                       "state is resetting (and still count itself out: --count_, leave())"));
  arrive(a, "bwait b", observer, 1);
  arrive(peer, "bwait b", observer, 2);
  c.ok("reset b");
  expect_broken_out({&a, &peer}, tr("after reset() in your process"),
                    tr("reset() with parties waiting must switch a filling barrier to resetting "
                       "and wake them (notify_all()); they throw BrokenBarrierError"));
  IPCLAB_EXPECT(observer.ok("broken b").word(0) == "0")
      << tr("reset() does not break the barrier: broken() must be false after it");
  expect_pass({&peer, &a, &c}, observer, "bwait b", tr("a full pass after reset()"));

  a.ok("abort b");
  c.ok("reset b");
  IPCLAB_EXPECT(peer.ok("broken b").word(0) == "0")
      << tr("reset() of a broken barrier nobody waits at must make it usable again (filling): "
            "broken() is still true");
  expect_pass({&c, &peer, &a}, observer, "bwait b", tr("a full pass after abort() and reset()"));

  arrive(peer, "bwait b", observer, 1);
  c.ok("reset b");
  expect_broken_out({&peer}, tr("after reset() in your process with one party waiting"),
                    tr("reset() must release every waiting party, a lone one too: parties are "
                       "inside whenever count_ > 0"));
}

}  // namespace
}  // namespace eb_harness
