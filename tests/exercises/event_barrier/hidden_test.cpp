// Event and barrier: hidden tests (run when the instructor grades): a held
// mutex, thousands of barrier passes under spurious wake-ups, the default
// timeout, and teams mixing student and reference processes.
#include <gtest/gtest.h>

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
    FAIL() << "while another process held the event's mutex, your wait(2.5 s) " << outcome(*early)
           << " at once: wait() must take the mutex first, which blocks until it is free";
  }
  holder.ok("release e 1");
  const auto released = Clock::now();
  std::optional<Reply> reply = mine.poll_reply(5s);
  IPCLAB_REQUIRE(reply) << "wait(2.5 s) did not return within 5 s";
  const long long ms = since(released);
  IPCLAB_EXPECT(reply->line == "ok 1" && ms < 1500)
      << "another process set the event while your wait() was waiting for the mutex, and your "
      << "wait() " << outcome(*reply) << " " << ms << " ms later: it slept through the set(). "
      << "Take the mutex first, then look at the flag: a look before locking is out of date by "
         "the time you sleep";
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
      << "Barrier(3, 300 ms): wait() without a timeout must use the default timeout of 300 ms "
      << "(default_timeout()) and throw BrokenBarrierError, but it "
      << (reply ? outcome(*reply) : "was still waiting after 3 s");
  IPCLAB_EXPECT(ms >= 250) << "the default timeout of 300 ms ran out after " << ms << " ms";
  expect_broken_out({&peer}, "after your wait() ran out of its default timeout",
                    "a timeout must break the barrier for everyone (break_barrier())");
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
