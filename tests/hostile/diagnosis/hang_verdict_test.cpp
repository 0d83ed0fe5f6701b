// The hang verdicts on recorded scenes: what the student reads for each kind
// of hang, from the facts look() gathers.
#include "harness/hang_verdict.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scene_builder.hpp"

namespace {

using hang_test::SceneBuilder;
using ipclab::harness::Activity;
using ipclab::harness::activity_of;
using ipclab::harness::describe_scene;
using ipclab::harness::hang_verdict;
using testing::HasSubstr;
using testing::Not;

const std::string kWs = "/work/ws/src/producer_consumer/";

/// producer_consumer's join_before_drain: the parent joins the producers
/// before starting consumers; the producers wait in put() on a full queue.
SceneBuilder joined_before_drained() {
  SceneBuilder b;
  b.process(100, 1, "your driver (pid 100)", 'S', SYS_wait4).root(100);
  b.stack(100, {"__GI___wait4@./wait4.c:30",
                "ipclab::pc::(anonymous namespace)::join(int)@" + kWs + "pipeline.cpp:52",
                "ipclab::pc::run_pipeline(long, long, long)@" + kWs + "pipeline.cpp:88",
                "main@/work/main/exercises/producer_consumer/driver.cpp:120"});
  for (pid_t child : {101, 102}) {
    b.process(child, 100, "a child of your driver (pid " + std::to_string(child) + ")", 'S',
              SYS_futex);
    b.stack(child,
            {"__futex_abstimed_wait_common@./nptl/futex-internal.c:57",
             "pthread_cond_wait@@GLIBC_2.3.2@./nptl/pthread_cond_wait.c:503",
             "boost::interprocess::ipcdetail::posix_condition::wait@/usr/include/boost/"
             "interprocess/sync/posix/condition.hpp:100",
             "ipclab::pc::Queue::put(std::optional<long>, bool)@" + kWs + "queue.cpp:41",
             "ipclab::pc::produce(ipclab::pc::Queue&, long, long)@" + kWs + "pipeline.cpp:67"});
  }
  return b;
}

TEST(HangVerdict, AFullQueueThatNobodyEmptiesIsNamedWithTheStudentsLines) {
  std::string verdict = hang_verdict(joined_before_drained().scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: blocked on a full queue."));
  EXPECT_THAT(verdict, HasSubstr("a child of your driver (pid 101) waits on a condition variable "
                                 "in Queue::put() at producer_consumer/queue.cpp:41"));
  EXPECT_THAT(verdict, HasSubstr("none is in get()"));
  EXPECT_THAT(verdict, HasSubstr("Meanwhile your driver (pid 100) waits for a child process to "
                                 "exit in pc::join() at producer_consumer/pipeline.cpp:52"));
  EXPECT_THAT(verdict, HasSubstr("a deadlock"));
}

TEST(HangVerdict, AConsumerInGetMeansTheQueueIsNotTheCause) {
  SceneBuilder b = joined_before_drained();
  b.process(103, 100, "a child of your driver (pid 103)", 'S', SYS_futex);
  b.stack(103, {"pthread_cond_wait@@GLIBC_2.3.2@./nptl/pthread_cond_wait.c:503",
                "ipclab::pc::Queue::get(bool)@" + kWs + "queue.cpp:60"});
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict, Not(HasSubstr("full queue")));
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: deadlock. Every process of the test waits"));
}

/// pipe_ping_pong's child_keeps_parent_end: the child reads its pipe while
/// holding the write end itself.
TEST(HangVerdict, AReaderHoldingTheWriteEndItselfIsToldToCloseIt) {
  SceneBuilder b;
  b.process(200, 1, "your driver (pid 200)", 'S', SYS_wait4).root(200);
  b.process(201, 200, "a child of your driver (pid 201)", 'S', SYS_read, 4);
  b.fd(200, 5, "pipe:[555]", true).fd(201, 4, "pipe:[555]", false).fd(201, 5, "pipe:[555]", true);
  b.stack(201, {"__GI___libc_read@../sysdeps/unix/sysv/linux/read.c:26",
                "ipclab::pp::Connection::recv_bytes()@/ws/src/pipe_ping_pong/connection.cpp:120",
                "ipclab::pp::pong_server(ipclab::pp::Connection&)@/ws/src/pipe_ping_pong/"
                "ping_pong.cpp:40"});
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict,
              HasSubstr("Diagnosis: blocked reading a pipe whose write end is still open. a "
                        "child of your driver (pid 201) waits for data on fd 4 in "
                        "Connection::recv_bytes() at pipe_ping_pong/connection.cpp:120"));
  EXPECT_THAT(verdict, HasSubstr("your driver (pid 200) fd 5, a child of your driver (pid 201) "
                                 "fd 5 (itself)"));
  EXPECT_THAT(verdict, HasSubstr("after fork(), close the ends a process does not use"));
}

TEST(HangVerdict, AReaderWhoseWriterStillRunsIsNotBlamed) {
  SceneBuilder b;
  b.process(200, 1, "your driver (pid 200)", 'R', -1, 0, 0.3).root(200);
  b.process(201, 200, "a child", 'S', SYS_read, 4);
  b.fd(200, 5, "pipe:[555]", true).fd(201, 4, "pipe:[555]", false);
  EXPECT_EQ(hang_verdict(b.scene), "");
}

TEST(HangVerdict, ASpinningProcessIsABusyWaitAtItsLine) {
  SceneBuilder b;
  b.process(300, 1, "your driver (pid 300)", 'R', -1, 0, 0.97).root(300);
  b.stack(300, {"ipclab::eb::Event::wait(std::optional<long>)@/ws/src/event_barrier/event.cpp:33",
                "main@/work/main/exercises/event_barrier/driver.cpp:80"});
  EXPECT_EQ(activity_of(b.scene, b.scene.processes[0]), Activity::spinning);
  EXPECT_EQ(hang_verdict(b.scene),
            "Diagnosis: busy-wait. your driver (pid 300) used 97% of a CPU in Event::wait() at "
            "event_barrier/event.cpp:33 while the test waited: it loops without ever blocking, so "
            "it burns the CPU instead of waiting. Wait on a condition variable (or a blocking "
            "call) instead of polling in a loop.");
}

TEST(HangVerdict, TheLocationIsTheInnermostFrameInAStudentFileNotAProvidedOne) {
  // A provided inline helper (from the exercise's header) is the innermost
  // exercise frame; the student's Event::wait() that called it is where the
  // student can act.
  SceneBuilder b;
  b.process(310, 1, "your driver (pid 310)", 'R', -1, 0, 0.97).root(310);
  b.stack(310, {"ipclab::eb::elapsed_ms()@/work/main/exercises/event_barrier/event.hpp:105",
                "ipclab::eb::Event::wait(std::optional<long>)@/ws/src/event_barrier/event.cpp:33",
                "main@/work/main/exercises/event_barrier/driver.cpp:80"});
  EXPECT_THAT(hang_verdict(b.scene), HasSubstr("in Event::wait() at event_barrier/event.cpp:33"));
}

/// event_barrier's barrier_notify_one: one party woke, the others still wait
/// on the condition while every other process is idle.
TEST(HangVerdict, ConditionWaitersWithNobodyLeftToNotifyAreALostWakeUp) {
  SceneBuilder b;
  b.process(400, 1, "your driver (pid 400)", 'S', SYS_read, 3).root(400);
  for (pid_t pid : {401, 402}) {
    b.process(pid, 1, "the reference driver (pid " + std::to_string(pid) + ")", 'S', SYS_futex)
        .root(pid);
    b.stack(pid, {"pthread_cond_wait@@GLIBC_2.3.2@./nptl/pthread_cond_wait.c:503",
                  "ipclab::eb::Barrier::wait()@/work/main/reference/event_barrier/barrier.cpp:70"});
  }
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: lost wake-up. the reference driver (pid 401) waits on "
                                 "a condition variable in Barrier::wait() at "
                                 "event_barrier/barrier.cpp:70; the reference driver (pid 402)"));
  EXPECT_THAT(verdict, HasSubstr("could notify them"));
  EXPECT_THAT(verdict, HasSubstr("notify_all()"));
}

TEST(HangVerdict, TwoProcessesWaitingOnMutexesAreADeadlock) {
  SceneBuilder b;
  for (pid_t pid : {500, 501}) {
    b.process(pid, 1, "driver " + std::to_string(pid), 'S', SYS_futex).root(pid);
    b.stack(pid, {"__lll_lock_wait@./nptl/lowlevellock.c:49",
                  "___pthread_mutex_lock@./nptl/pthread_mutex_lock.c:93",
                  "transfer()@/ws/src/locked_shared_counter/value.cpp:" + std::to_string(pid)});
  }
  EXPECT_EQ(hang_verdict(b.scene),
            "Diagnosis: deadlock. Every process of the test waits and none can wake the others: "
            "driver 500 waits on a mutex in transfer() at locked_shared_counter/value.cpp:500; "
            "driver 501 waits on a mutex in transfer() at locked_shared_counter/value.cpp:501.");
}

TEST(HangVerdict, WithoutBacktracesTheWaitIsStillNamed) {
  SceneBuilder b;
  b.process(600, 1, "your driver (pid 600)", 'S', SYS_wait4).root(600);
  b.process(601, 600, "a child of your driver (pid 601)", 'S', SYS_futex);
  std::string verdict = hang_verdict(b.scene);
  EXPECT_THAT(verdict, HasSubstr("Diagnosis: deadlock. Every process of the test waits"));
  EXPECT_THAT(verdict, HasSubstr("(pid 601) waits on a lock or a condition variable"));
}

TEST(HangVerdict, IdleDriversAloneGiveNoVerdict) {
  SceneBuilder b;
  b.process(700, 1, "your driver (pid 700)", 'S', SYS_read, 3).root(700);
  EXPECT_EQ(hang_verdict(b.scene), "");
  EXPECT_THAT(describe_scene(b.scene),
              HasSubstr("your driver (pid 700): sleeping in read(), 0% CPU\n    It is idle"));
}

TEST(HangVerdict, TheListingShowsEveryProcessWithItsFrame) {
  std::string text = describe_scene(joined_before_drained().scene);
  EXPECT_THAT(text, HasSubstr("What each process was doing:\n  - your driver (pid 100): sleeping "
                              "in wait4(), 0% CPU\n    It waits for a child process to exit in "
                              "pc::join() at producer_consumer/pipeline.cpp:52."));
  EXPECT_THAT(text, HasSubstr("  - a child of your driver (pid 102): sleeping in futex(), 0% CPU\n"
                              "    It waits on a condition variable in Queue::put() at "
                              "producer_consumer/queue.cpp:41."));
}

}  // namespace

namespace {

TEST(HangVerdict, AStaticInitialiserIsNamedAsSuch) {
  SceneBuilder b;
  b.process(800, 1, "your driver (pid 800)", 'R', -1, 0, 0.4).root(800);
  b.scene.runnable_share[800] = 1.0;  // runnable all along, on a busy machine
  b.stack(800, {"_GLOBAL__sub_I__ZN6ipclab4pipe9write_allEi@/ws/src/pipe_ping_pong/"
                "connection.cpp:233"});
  EXPECT_THAT(hang_verdict(b.scene), HasSubstr("Diagnosis: busy-wait. your driver (pid 800) used "
                                               "40% of a CPU in a static initialiser at "
                                               "pipe_ping_pong/connection.cpp:233"));
}

}  // namespace

namespace {

TEST(HangVerdict, AStoppedProcessIsNamed) {
  SceneBuilder b;
  b.process(900, 1, "your driver (pid 900)", 'T', 234).root(900);
  b.stack(900, {"hostile::attack()@/ws/src/pipe_ping_pong/connection.cpp:237"});
  EXPECT_THAT(hang_verdict(b.scene),
              HasSubstr("Diagnosis: stopped. your driver (pid 900) is stopped in "
                        "hostile::attack() at pipe_ping_pong/connection.cpp:237 (by SIGSTOP"));
}

}  // namespace
