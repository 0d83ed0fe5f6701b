// Producer-consumer: hidden tests (run when the instructor grades): many
// processes on one queue, student code paired with reference code both ways,
// timeouts under a storm of wake-ups, and more pipeline shapes.
#include <gtest/gtest.h>

#include <map>

#include "capacity_watch.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "pipeline_check.hpp"
#include "stuck.hpp"

namespace pc_harness {
namespace {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

constexpr int kProducers = 3;
constexpr int kConsumers = 2;
constexpr long long kPerProducer = 300;
constexpr long long kProducerStride = 1000;  // producer p makes p * 1000 + 0 .. 299

struct Crowd {
  Build producers;
  Build consumers;
  bool storm;       ///< a reference process keeps waking every waiter (every 1 ms)
  std::string who;  ///< "your producers, reference consumers"
};

/// Checks that every produced item was consumed exactly once.
void expect_exactly_once(const std::vector<std::vector<long long>>& lists, const std::string& who) {
  std::map<long long, int> seen;
  for (const auto& list : lists) {
    for (long long item : list)
      ++seen[item];
  }
  std::vector<long long> lost, twice, strange;
  for (long long p = 0; p < kProducers; ++p) {
    for (long long i = 0; i < kPerProducer; ++i) {
      auto it = seen.find(p * kProducerStride + i);
      if (it == seen.end()) lost.push_back(p * kProducerStride + i);
      if (it != seen.end() && it->second > 1) twice.push_back(it->first);
      if (it != seen.end()) seen.erase(it);
    }
  }
  for (const auto& [item, count] : seen)
    strange.push_back(item);
  IPCLAB_EXPECT(lost.empty() && twice.empty() && strange.empty())
      // TRANSLATORS: who ran the test | how many items were lost, and which | consumed more than
      // once | never produced
      << trf("{}: every item must be consumed exactly once, but {} were lost {}, {} were "
             "consumed more than once {} and {} were never produced {}",
             who, lost.size(), show(lost), twice.size(), show(twice), strange.size(),
             show(strange));
}

/// Checks that each consumer got each producer's items in the order they were put.
void expect_fifo_per_producer(const std::vector<std::vector<long long>>& lists,
                              const std::string& who) {
  for (std::size_t c = 0; c < lists.size(); ++c) {
    std::map<long long, long long> last;  // producer -> last item seen from it
    for (long long item : lists[c]) {
      long long producer = item / kProducerStride;
      auto it = last.find(producer);
      IPCLAB_REQUIRE(it == last.end() || it->second < item)
          // TRANSLATORS: who ran the test | the consumer's number | an item | an earlier item
          << trf("{}: consumer {} got {} after {}, which the same producer put later. The items "
                 "of one producer must come out in the order it put them (FIFO)",
                 who, c + 1, item, it->second);
      last[producer] = item;
    }
  }
}

/// Waits until every producer has returned, 10 s at most. The consumers must
/// still be waiting for their None meanwhile: a reply from one ends the test.
void await_producers(std::vector<Driver>& producers, std::vector<Driver>& consumers,
                     const std::string& who) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::vector<bool> done(producers.size(), false);
  for (std::size_t finished = 0; finished < producers.size();) {
    for (std::size_t p = 0; p < producers.size(); ++p) {
      std::optional<Reply> reply = done[p] ? std::nullopt : producers[p].poll_reply(10ms);
      if (!reply) continue;
      if (!reply->ok) abort_test(Outcome::failed, who + ": " + did("produce()", *reply));
      done[p] = true;
      ++finished;
    }
    for (Driver& consumer : consumers) {
      if (std::optional<Reply> early = consumer.poll_reply(0ms)) {
        abort_test(Outcome::failed,
                   // TRANSLATORS: who ran the test | what consume() did: "returned 0"
                   trf("{}: consume() {} before any None was put: it must wait for its None", who,
                       outcome(*early)));
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      abort_test(Outcome::timed_out, trf("{}: the producers did not finish within 10 s.", who) +
                                         "\n" + explain_stuck_processes());
    }
  }
}

/// 3 producers and 2 consumers, each a driver of the given build, on one queue
/// of 3 items created by a reference driver, which then puts the sentinels.
void run_crowd(const Crowd& crowd) {
  QueueName q;
  Driver control = Driver::start(Build::reference);
  control.ok("create " + q.str() + " 3");
  CapacityWatch watch(q.str());
  std::vector<Driver> consumers, producers;
  for (int c = 0; c < kConsumers; ++c) {
    consumers.push_back(Driver::start(crowd.consumers));
    consumers.back().ok("open " + q.str());
    consumers.back().post("consume " + q.str());
  }
  if (crowd.storm) control.ok("storm " + q.str() + " 1");
  for (int p = 0; p < kProducers; ++p) {
    producers.push_back(Driver::start(crowd.producers));
    producers.back().ok("open " + q.str());
    producers.back().post("produce " + q.str() + " " + std::to_string(p * kProducerStride) + " " +
                          std::to_string(kPerProducer));
  }
  await_producers(producers, consumers, crowd.who);
  for (int c = 0; c < kConsumers; ++c)
    call_or_explain(control, "put " + q.str() + " None", 5s, tr("the consumers drain the queue"));
  std::vector<std::vector<long long>> lists;
  for (Driver& consumer : consumers) {
    Reply got = await_or_explain(consumer, 10s, tr("consume() must return after its None"));
    IPCLAB_REQUIRE(got.ok) << crowd.who << ": " << did("consume()", got);
    lists.push_back(consumed_items(got));
  }
  control.ok("storm " + q.str() + " 0");
  std::string violation = watch.stop();
  IPCLAB_EXPECT(violation.empty()) << crowd.who + ": " + violation;
  expect_exactly_once(lists, crowd.who);
  expect_fifo_per_producer(lists, crowd.who);
}

TEST(producer_consumer, many_student_producers) {
  run_crowd({Build::student, Build::reference, false,
             tr("3 of your producers and 2 reference consumers on a queue of 3")});
}

TEST(producer_consumer, many_student_consumers) {
  run_crowd({Build::reference, Build::student, false,
             tr("3 reference producers and 2 of your consumers on a queue of 3")});
}

TEST(producer_consumer, all_student_processes) {
  run_crowd({Build::student, Build::student, true,
             tr("3 of your producers and 2 of your consumers on a queue of 3, while another "
                "process keeps waking every waiter")});
}

TEST(producer_consumer, timeouts_under_wakeup_storm) {
  QueueName q;
  Driver reference = Driver::start(Build::reference);
  Driver student = Driver::start(Build::student);
  reference.ok("create " + q.str() + " 2");
  student.ok("open " + q.str());
  reference.ok("storm " + q.str() + " 10");
  Timed get = timed_call(
      student, "get " + q.str() + " 1 600", 4s,
      tr("get(timeout=600ms) on an empty queue must raise Empty after about 600 ms while another "
         "process wakes it every 10 ms: compute the deadline once, before the wait loop, and "
         "wait until that deadline"));
  IPCLAB_EXPECT(get.reply.kind == "Empty" && get.ms >= 500 && get.ms < 3000)
      // TRANSLATORS: ..., but it <what it did: "returned 7"> after 40 ms
      << trf("get(timeout=600ms) on an empty queue while another process wakes it every 10 ms "
             "must raise Empty after about 600 ms, but it {} after {} ms",
             outcome(get.reply), get.ms);
  student.ok("put " + q.str() + " 1", 3s);
  student.ok("put " + q.str() + " 2", 3s);
  Timed put = timed_call(
      student, "put " + q.str() + " 3 1 600", 4s,
      tr("put(3, timeout=600ms) on a full queue must raise Full after about 600 ms while another "
         "process wakes it every 10 ms: compute the deadline once, before the wait loop, and "
         "wait until that deadline"));
  IPCLAB_EXPECT(put.reply.kind == "Full" && put.ms >= 500 && put.ms < 3000)
      << trf("put(3, timeout=600ms) on a full queue while another process wakes it every 10 ms "
             "must raise Full after about 600 ms, but it {} after {} ms",
             outcome(put.reply), put.ms);
  reference.ok("storm " + q.str() + " 0");
  std::optional<QueueView> view = QueueView::open(q.str());
  IPCLAB_EXPECT(view && view->count() == 2)
      << trf("the queue must still hold its 2 items after a put() that raised Full, it holds {}",
             view ? view->count() : 0);
}

TEST(producer_consumer, pipeline_shapes) {
  Driver student = Driver::start(Build::student);
  CapacityWatch watch(prefix_of(student));
  const PipelineShape shapes[] = {
      {1, 4, 50, 2}, {4, 1, 100, 3}, {2, 2, 0, 1}, {0, 3, 50, 2}, {3, 2, 300, 1}};
  for (const PipelineShape& shape : shapes) {
    expect_pipeline_result(run_pipeline(student, shape));
    expect_children_gone(student, shape.call());
  }
  std::string violation = watch.stop();
  IPCLAB_EXPECT(violation.empty()) << trf("during the pipelines: {}", violation);
  expect_nothing_left(watch, tr("each of the pipelines"));
}

}  // namespace
}  // namespace pc_harness
