#include "team_checks.hpp"

#include <gtest/gtest.h>

#include "harness/expect.hpp"

#include "journal.hpp"

namespace eb_harness {

namespace {

std::string run_name(int workers, int phases) {
  return "run_team(" + std::to_string(workers) + ", " + std::to_string(phases) + ")";
}

std::string excerpt_of(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < 40; ++i)
    text += (i == 0 ? "" : ", ") + lines[i];
  return lines.size() > 40 ? text + ", ..." : text;
}

}  // namespace

void expect_team(int workers, int phases) {
  Journal journal;
  Driver mine = Driver::start(Build::student, {journal.mapping()});
  journal.close_write();
  mine.ok("journal " + std::to_string(kJournalFd));
  const std::string call = run_name(workers, phases);
  Reply done = mine.call("team " + std::to_string(workers) + " " + std::to_string(phases), 20s);
  IPCLAB_REQUIRE(done.ok) << trf("{} threw {}: {}", call, done.kind, done.message)
                          << mine.printed();
  IPCLAB_EXPECT(done.word(0) == std::to_string(workers))
      << trf("{} returned {}: it must return how many workers exited with status 0, and every "
             "worker should have (each child ends with _exit(0))",
             call, done.word(0));
  const std::vector<std::string> lines = journal.lines();
  const std::string problem = judge_journal(lines, workers, phases);
  // TRANSLATORS: CALL: WHAT IS WRONG. The journal, in order: LINES (ready 0, work 0 0, ...).
  IPCLAB_EXPECT(problem.empty()) << trf("{}: {}. The journal, in order: {}", call, problem,
                                        excerpt_of(lines));
  for (const std::string& child : lingering_children(mine)) {
    ADD_FAILURE() << trf(
        // TRANSLATORS: 2 s after CALL returned, its child "pid 12 (a zombie)" is still there.
        "2 s after {} returned, its child {} is still there: waitpid() every worker, and end "
        "each worker with _exit()",
        call, child);
  }
  for (const std::string& name : shm_leftovers(mine)) {
    ADD_FAILURE() << trf(
        "after {} returned, the shared-memory segment /dev/shm/{} is still there: remove it "
        "(bip::shared_memory_object::remove(name)) once every worker has exited",
        call, name);
  }
}

void expect_mixed_team(Build coordinator, const std::vector<Build>& workers, int phases) {
  Journal journal;
  Lab lab;
  Driver& boss = lab.add(coordinator, {journal.mapping()});
  boss.ok("team_new " + std::to_string(workers.size()));
  std::vector<Driver*> team;
  for (Build build : workers) {
    team.push_back(&lab.add(build, {journal.mapping()}));
    team.back()->ok("team_open");
    team.back()->ok("journal " + std::to_string(kJournalFd));
  }
  journal.close_write();
  std::string workers_cast;
  for (std::size_t id = 0; id < team.size(); ++id) {
    workers_cast += (id == 0 ? "" : ", ") + std::to_string(id) + " " + who(*team[id]);
    team[id]->post("worker " + std::to_string(id) + " " + std::to_string(phases));
  }
  // TRANSLATORS: the coordinator is PROCESS; workers: 0 PROCESS, 1 PROCESS, ...
  const std::string cast = trf("the coordinator is {}; workers: {}", who(boss), workers_cast);
  Reply started = boss.call("start", 10s);
  IPCLAB_REQUIRE(started.ok) << trf("start() threw {}: {} ({})", started.kind, started.message,
                                    cast);
  const auto deadline = Clock::now() + 10s;
  for (std::size_t id = 0; id < team.size(); ++id) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::optional<Reply> reply = team[id]->poll_reply(std::max(left, 0ms));
    IPCLAB_REQUIRE(reply && reply->ok) << trf(
        // TRANSLATORS: worker(team, ID, PHASES) in PROCESS WHAT IT DID (CAST).
        "worker(team, {}, {}) in {} {} ({})", id, phases, who(*team[id]),
        reply ? outcome(*reply) : tr("had not returned after 10 s"), cast);
  }
  const std::vector<std::string> lines = journal.lines();
  const std::string problem = judge_journal(lines, static_cast<int>(workers.size()), phases);
  IPCLAB_EXPECT(problem.empty()) << trf("{}: {}. The journal, in order: {}", cast, problem,
                                        excerpt_of(lines));
}

}  // namespace eb_harness
