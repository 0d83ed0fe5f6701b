// Event and barrier: hidden tests (run when the instructor grades): a held
// mutex, thousands of barrier passes under spurious wake-ups, the default
// timeout, n_waiting() of a draining or broken barrier, teams mixing student
// and reference processes, and a team of one worker.
#include <gtest/gtest.h>
#include <signal.h>

#include "harness/expect.hpp"

#include "barrier_checks.hpp"
#include "lab.hpp"
#include "team_checks.hpp"

namespace eb_harness {
namespace {

TEST(event_barrier, event_check_under_lock) {
  // The reference holds the event's mutex while your wait() starts, then sets
  // the flag, notifies and unlocks. A wait() that looked at the flag before
  // taking the mutex saw "false", and the notification came before it slept.
  Lab lab;
  lab.event("e");
  Driver& holder = lab.add(Build::reference);
  Driver& mine = lab.add(Build::student);
  holder.ok("hold e");
  mine.post("wait e 2500");
  if (std::optional<Reply> early = wait_until_blocked(mine)) {
    FAIL() << trf(
        "while another process held the event's mutex, your wait(2.5 s) {} at once: wait() "
        "must take the mutex first, which blocks until it is free",
        outcome(*early));
  }
  holder.ok("release e 1");
  const auto released = Clock::now();
  std::optional<Reply> reply = mine.poll_reply(5s);
  IPCLAB_REQUIRE(reply) << tr("wait(2.5 s) did not return within 5 s");
  const long long ms = since(released);
  IPCLAB_EXPECT(reply->line == "ok 1" && ms < 1500)
      // TRANSLATORS: ... and your wait() WHAT IT DID N ms later: ...
      << trf("another process set the event while your wait() was waiting for the mutex, and "
             "your wait() {} {} ms later: it slept through the set(). Take the mutex first, then "
             "look at the flag: a look before locking is out of date by the time you sleep",
             outcome(*reply), ms);
}

TEST(event_barrier, barrier_thousand) {
  Lab lab;
  lab.barrier("b", 4);
  Driver& a = lab.add(Build::student);
  Driver& b = lab.add(Build::reference);
  Driver& c = lab.add(Build::student);
  Driver& d = lab.add(Build::reference);
  Driver& poker = lab.add(Build::reference);
  expect_lockstep(lab, {&a, &b, &c, &d}, 2000, &poker, 40s);
}

TEST(event_barrier, barrier_default_timeout) {
  Lab lab;
  lab.barrier("b", 3, "300");
  Driver& mine = lab.add(Build::student);
  Driver& peer = lab.add(Build::reference);
  arrive(peer, "bwait b 10000", mine, 1);
  const auto start = Clock::now();
  mine.post("bwait b");
  std::optional<Reply> reply = mine.poll_reply(3s);
  const long long ms = since(start);
  IPCLAB_REQUIRE(reply && reply->kind == "BrokenBarrierError")
      << trf("Barrier(3, 300 ms): wait() without a timeout must use the default timeout of "
             "300 ms (default_timeout()) and throw BrokenBarrierError, but it {}",
             reply ? outcome(*reply) : tr("was still waiting after 3 s"));
  IPCLAB_EXPECT(ms >= 250) << trf("the default timeout of 300 ms ran out after {} ms", ms);
  expect_broken_out({&peer}, tr("after your wait() ran out of its default timeout"),
                    tr("a timeout must break the barrier for everyone (break_barrier())"));
}

/// Sends SIGSTOP to a driver now and SIGCONT when it goes out of scope, so a
/// failed check never leaves the process stopped.
class Stopped {
 public:
  explicit Stopped(const Driver& driver) : pid_(driver.pid()) { ::kill(pid_, SIGSTOP); }
  ~Stopped() { resume(); }
  Stopped(const Stopped&) = delete;
  Stopped& operator=(const Stopped&) = delete;
  void resume() {
    if (pid_ > 0) ::kill(pid_, SIGCONT);
    pid_ = 0;
  }

 private:
  pid_t pid_;
};

TEST(event_barrier, barrier_n_waiting_not_filling) {
  // A released party that cannot run (stopped) cannot leave wait(): the
  // barrier stays draining with count_ 1 until it does. n_waiting() counts the
  // parties waiting in the current round: none while draining or broken.
  Lab lab;
  lab.barrier("b", 2);
  Driver& sleeper = lab.add(Build::reference);
  Driver& last = lab.add(Build::reference);
  Driver& mine = lab.add(Build::student);
  arrive(sleeper, "bwait b", mine, 1);
  Stopped stopped(sleeper);
  Reply released = last.call("bwait b", 5s);
  IPCLAB_REQUIRE(released.line == "ok 1")
      << trf("the reference's wait() that releases the barrier {}: the kit is broken, not your "
             "code",
             outcome(released));
  IPCLAB_REQUIRE(last.ok("state b").line == "ok count 1 state 1")
      << tr("the barrier is not draining with one party inside: the kit is broken, not your code");
  IPCLAB_EXPECT(mine.ok("n_waiting b").word(0) == "0")
      << trf("while the barrier drains (released, one party still on its way out), your "
             "n_waiting() says {}: it must be 0 -- count_ while filling, else 0",
             mine.ok("n_waiting b").word(0));
  stopped.resume();
  std::optional<Reply> woke = sleeper.poll_reply(5s);
  IPCLAB_REQUIRE(woke && woke->line == "ok 0")
      << trf("the released reference party, continued, {}", woke ? outcome(*woke) : tr("hung"));
  last.ok("abort b");
  IPCLAB_EXPECT(mine.ok("n_waiting b").word(0) == "0")
      << trf("after abort(), your n_waiting() says {}: a broken barrier has nobody waiting in a "
             "round, so it must be 0",
             mine.ok("n_waiting b").word(0));
}

TEST(event_barrier, team_of_one) {
  expect_team(1, 3);
}

TEST(event_barrier, team_with_reference) {
  expect_mixed_team(Build::student, {Build::reference, Build::student, Build::reference}, 8);
  expect_mixed_team(Build::reference, {Build::student, Build::reference, Build::student}, 8);
}

TEST(event_barrier, team_many_phases) {
  expect_team(6, 40);
}

}  // namespace
}  // namespace eb_harness
