// Event and barrier: the team tests students see -- run_team() as a whole, and
// start() with a worker that is not ready yet.
#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "journal.hpp"
#include "team_checks.hpp"

namespace eb_harness {
namespace {

TEST(event_barrier, team_phases) {
  expect_team(4, 6);
}

TEST(event_barrier, team_start_waits_for_all) {
  // Workers 1 and 2 (reference processes) get ready and wait for go; worker 0
  // does not even exist yet. Your start() must not set go before it is ready,
  // whichever worker is the late one.
  Journal journal;
  Lab lab;
  Driver& boss = lab.add(Build::student, {journal.mapping()});
  boss.ok("team_new 3");
  std::vector<Driver*> team;
  for (int id = 0; id < 3; ++id) {
    team.push_back(&lab.add(Build::reference, {journal.mapping()}));
    team.back()->ok("team_open");
    team.back()->ok("journal " + std::to_string(kJournalFd));
  }
  journal.close_write();
  for (int id : {1, 2}) {
    team[id]->post("worker " + std::to_string(id) + " 1");
    if (std::optional<Reply> early = wait_until_blocked(*team[id], 10s)) {
      fail(trf(
          // TRANSLATORS: worker(team, ID, 1) in the reference process WHAT IT DID before go was
          // set.
          "worker(team, {}, 1) in the reference process {} before go was set: the kit is "
          "broken, not your code",
          id, outcome(*early)));
    }
  }
  boss.post("start");
  // Worker 0 was never started, so nothing can end a correct start(): any
  // reply at all is early, and the wait only decides how soon we notice.
  if (std::optional<Reply> early = boss.poll_reply(3s)) {
    fail(
        trf("your start() {} while workers 1 and 2 were ready but worker 0 had not even "
            "started: start() must wait for EVERY ready event, team.ready[0] to "
            "team.ready[team.workers - 1], before it sets go",
            outcome(*early)));
  }
  team[0]->post("worker 0 1");
  std::optional<Reply> started = boss.poll_reply(10s);
  IPCLAB_REQUIRE(started && started->ok)
      << trf("once worker 0 was ready too, your start() {}",
             started ? outcome(*started) : tr("had not returned after 10 s"));
  for (int id = 0; id < 3; ++id) {
    std::optional<Reply> done = team[id]->poll_reply(10s);
    IPCLAB_REQUIRE(done && done->ok)
        << trf("worker(team, {}, 1) in the reference process {}", id,
               done ? outcome(*done) : tr("had not returned 10 s after your start() returned"));
  }
  const std::string problem = judge_journal(journal.lines(), 3, 1);
  IPCLAB_EXPECT(problem.empty()) << trf("your start() with reference workers: {}", problem);
}

}  // namespace
}  // namespace eb_harness
