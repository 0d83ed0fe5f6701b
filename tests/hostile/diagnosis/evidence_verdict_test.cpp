// The verdicts that rest on an exercise's evidence (what a queue holds, how a
// process ended), on recorded scenes: each names its cause and never
// contradicts the evidence it shows.
#include <sys/syscall.h>
#include <sys/wait.h>

#include <csignal>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/fold.hpp"
#include "harness/hang_verdict.hpp"
#include "harness/process_ending.hpp"
#include "scene_builder.hpp"

namespace {

using hang_test::SceneBuilder;
using ipclab::harness::describe_ending;
using ipclab::harness::describe_scene;
using ipclab::harness::fold_sentences;
using ipclab::harness::hang_verdict;
using ipclab::harness::WaitFact;
using testing::HasSubstr;
using testing::Not;
using Want = WaitFact::Want;

const std::string kWs = "/work/ws/src/producer_consumer/";
const std::string kQueue = "queue 'ipclab_1_work'";

/// run_pipeline(): the parent waits for its children; consumer 102 waits in
/// get() on the work queue, which holds `count` of 2 items; producer 101 ended.
SceneBuilder pipeline_with_waiting_consumer(int count) {
  SceneBuilder b;
  b.process(100, 1, "your driver (pid 100)", 'S', SYS_wait4).root(100);
  b.stack(100, {"__GI___wait4@./wait4.c:30",
                "ipclab::pc::run_pipeline(long, long, long)@" + kWs + "pipeline.cpp:88"});
  b.process(101, 100, "a child of your driver (pid 101)", 'Z', -1);
  b.ending(101, "exited normally (code 0)");
  b.process(102, 100, "a child of your driver (pid 102)", 'S', SYS_futex);
  b.stack(102, {"pthread_cond_wait@@GLIBC_2.3.2@./nptl/pthread_cond_wait.c:503",
                "ipclab::pc::Queue::get(bool)@" + kWs + "queue.cpp:60",
                "ipclab::pc::consume(ipclab::pc::Queue&)@" + kWs + "pipeline.cpp:75"});
  b.waits(102, Want::item, "get()", kQueue, std::to_string(count) + " of 2 items", count > 0);
  return b;
}

TEST(EvidenceVerdict, AConsumerWaitingOnAQueueThatHoldsItemsIsALostWakeUp) {
  std::string verdict = hang_verdict(pipeline_with_waiting_consumer(1).scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: lost wake-up. a child of your driver (pid 102) waits "
                                 "in get() for an item in queue 'ipclab_1_work' in Queue::get() "
                                 "at producer_consumer/queue.cpp:60. Yet queue 'ipclab_1_work' "
                                 "holds 1 of 2 items"));
  EXPECT_THAT(verdict, HasSubstr("only when the queue goes from empty to 1 item"));
  EXPECT_THAT(verdict, Not(HasSubstr("sentinel")));
  EXPECT_THAT(verdict, Not(HasSubstr("no item will come")));
}

TEST(EvidenceVerdict, AConsumerWaitingOnAnEmptyQueueWithEveryProducerDoneLacksItsSentinel) {
  std::string verdict = hang_verdict(pipeline_with_waiting_consumer(0).scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: missing sentinel. a child of your driver (pid 102) "
                                 "waits in get() for an item in queue 'ipclab_1_work'"));
  EXPECT_THAT(verdict, HasSubstr("which holds 0 of 2 items, and every producer has finished"));
  EXPECT_THAT(verdict, HasSubstr("A consumer stops only at a None of its own"));
}

TEST(EvidenceVerdict, NoSentinelIsMissingWhileAProducerStillRuns) {
  SceneBuilder b = pipeline_with_waiting_consumer(0);
  b.process(103, 100, "a child of your driver (pid 103)", 'R', -1, 0, 0.3);
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict, Not(HasSubstr("missing sentinel")));
  EXPECT_THAT(verdict, Not(HasSubstr("every producer has finished")));
}

TEST(EvidenceVerdict, NoSentinelIsMissingWhileAProducerWaitsForRoom) {
  SceneBuilder b = pipeline_with_waiting_consumer(0);
  b.process(103, 100, "a child of your driver (pid 103)", 'S', SYS_futex);
  b.waits(103, Want::room, "put()", "queue 'ipclab_1_other'", "1 of 1 items", false);
  EXPECT_THAT(hang_verdict(b.scene), Not(HasSubstr("missing sentinel")));
}

TEST(EvidenceVerdict, TheTestsOwnGetOnAnEmptyQueueIsNoMissingSentinel) {
  // A driver is the test's hand: the test may still put the item it waits for.
  SceneBuilder b;
  b.process(200, 1, "your driver (pid 200)", 'S', SYS_futex).root(200);
  b.waits(200, Want::item, "get()", kQueue, "0 of 2 items", false);
  EXPECT_THAT(hang_verdict(b.scene), Not(HasSubstr("missing sentinel")));
}

/// A producer child waits in put() on a queue holding `count` of 2 items while
/// the parent joins it and no process is in get().
SceneBuilder producer_waiting_for_room(int count) {
  SceneBuilder b;
  b.process(300, 1, "your driver (pid 300)", 'S', SYS_wait4).root(300);
  b.process(301, 300, "a child of your driver (pid 301)", 'S', SYS_futex);
  b.stack(301, {"pthread_cond_wait@@GLIBC_2.3.2@./nptl/pthread_cond_wait.c:503",
                "ipclab::pc::Queue::put(std::optional<long>, bool)@" + kWs + "queue.cpp:41"});
  b.waits(301, Want::room, "put()", kQueue, std::to_string(count) + " of 2 items", count < 2);
  return b;
}

TEST(EvidenceVerdict, AProducerWaitingOnAQueueAtCapacityIsBlockedOnAFullQueue) {
  std::string verdict = hang_verdict(producer_waiting_for_room(2).scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: blocked on a full queue. a child of your driver (pid "
                                 "301) waits in put() for room in queue 'ipclab_1_work'"));
  EXPECT_THAT(verdict, HasSubstr("start the consumers before you join the producers"));
}

TEST(EvidenceVerdict, AQueueBelowCapacityIsNeverCalledFull) {
  std::string verdict = hang_verdict(producer_waiting_for_room(1).scene);
  EXPECT_THAT(verdict, Not(HasSubstr("full")));
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: lost wake-up."));
  EXPECT_THAT(verdict, HasSubstr("holds 1 of 2 items"));
}

TEST(EvidenceVerdict, AServerKilledByAnUncaughtExceptionIsNamedWithItsEnding) {
  SceneBuilder b;
  b.process(400, 1, "your driver (pid 400)", 'S', SYS_futex).root(400);
  b.process(401, 400, "a child of your driver (pid 401)", 'Z', -1);
  b.ending(401, describe_ending(SIGABRT));
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: a process of the test died. a child of your driver "
                                 "(pid 401) was killed by SIGABRT: an uncaught exception or "
                                 "abort()"));
  EXPECT_THAT(verdict, HasSubstr("Meanwhile your driver (pid 400) waits on"));
  EXPECT_THAT(describe_scene(b.scene),
              HasSubstr("It was killed by SIGABRT: an uncaught exception or abort(), and its "
                        "parent has not collected it"));
}

TEST(EvidenceVerdict, AChildThatExitedNormallyIsNoDeadProcess) {
  EXPECT_THAT(hang_verdict(pipeline_with_waiting_consumer(0).scene), Not(HasSubstr("died")));
}

TEST(EvidenceVerdict, EndingsSayHowAProcessEnded) {
  EXPECT_EQ(describe_ending(SIGSEGV), "was killed by SIGSEGV: a bad memory access");
  EXPECT_EQ(describe_ending(3 << 8), "exited with code 3");
  EXPECT_EQ(describe_ending(0), "exited normally (code 0)");
}

TEST(EvidenceVerdict, TheListingShowsWhatTheQueueHolds) {
  EXPECT_THAT(describe_scene(pipeline_with_waiting_consumer(1).scene),
              HasSubstr("    It waits in get() for an item in queue 'ipclab_1_work' in "
                        "Queue::get() at producer_consumer/queue.cpp:60; queue 'ipclab_1_work' "
                        "holds 1 of 2 items."));
}

TEST(EvidenceVerdict, AVerdictIsFoldedAtSentencesSoNoLineIsCutInAReport) {
  std::string text = describe_scene(pipeline_with_waiting_consumer(1).scene);
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_LE(end - start, 200u) << text.substr(start, end - start);
  EXPECT_THAT(text, HasSubstr("\nA notification was skipped"));
}

TEST(EvidenceVerdict, FoldingBreaksBetweenSentencesThenClausesNeverInsideAPhrase) {
  EXPECT_EQ(fold_sentences("One two. Three four. Five.", 12), "One two.\nThree four.\nFive.");
  EXPECT_EQ(fold_sentences("Short. Also short.", 40), "Short. Also short.");
  EXPECT_EQ(fold_sentences("a long clause here, and another one; a third", 20),
            "a long clause here,\nand another one;\na third");
  EXPECT_EQ(fold_sentences("unbreakablewordlongerthanthewidth", 10),
            "unbreakablewordlongerthanthewidth");
}

/// event_barrier: wait(300 ms) turned the timeout into seconds; the test's
/// 5 s for the call ran out while the waiter sleeps in a timed wait.
SceneBuilder timed_waiter(const std::string& wait_function) {
  SceneBuilder b;
  b.process(500, 1, "your driver (pid 500)", 'S', SYS_futex).root(500);
  b.stack(500, {"__futex_abstimed_wait_common@./nptl/futex-internal.c:57", wait_function,
                "ipclab::sync::Event::wait(std::optional<std::chrono::duration<long, "
                "std::ratio<1l, 1000l> > >)@/ws/src/event_barrier/event.cpp:49"});
  b.process(501, 1, "the reference driver (pid 501)", 'S', SYS_read, 3).root(501);
  return b;
}

TEST(EvidenceVerdict, AConditionWaiterWithADeadlineNobodyCanNotifyOverranItsTimeout) {
  std::string verdict = hang_verdict(
      timed_waiter("___pthread_cond_timedwait64@./nptl/pthread_cond_wait.c:643").scene);
  EXPECT_THAT(verdict,
              HasSubstr("Diagnosis: timed wait overran. your driver (pid 500) waits on a "
                        "condition variable in Event::wait() at event_barrier/event.cpp:49 "
                        "with a deadline"));
  EXPECT_THAT(verdict, HasSubstr("milliseconds, not seconds"));
  EXPECT_THAT(verdict, Not(HasSubstr("lost wake-up")));
}

TEST(EvidenceVerdict, AnUntimedConditionWaitIsNoTimedWait) {
  std::string verdict =
      hang_verdict(timed_waiter("___pthread_cond_wait@./nptl/pthread_cond_wait.c:618").scene);
  EXPECT_THAT(verdict, Not(HasSubstr("timed wait")));
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: lost wake-up."));
}

}  // namespace
