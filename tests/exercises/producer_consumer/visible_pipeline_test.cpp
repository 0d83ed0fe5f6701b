// Producer-consumer: the pipeline tests students see -- produce(), consume()
// against the reference queue code, and run_pipeline() as a whole.
#include <gtest/gtest.h>

#include <numeric>

#include "capacity_watch.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "pipeline_check.hpp"

namespace pc_harness {
namespace {

/// Everything the reference can take from `q` without waiting.
std::vector<std::string> drain(Driver& reference, const QueueName& q) {
  std::vector<std::string> items;
  for (int i = 0; i < 20; ++i) {
    Reply reply = reference.call("get " + q.str() + " 0", 3s);
    if (!reply.ok) break;
    items.push_back(reply.word(0));
  }
  return items;
}

TEST(producer_consumer, produce_and_consume) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + q.str() + " 8");
  student.ok("open " + q.str());
  // produce(): exactly its items, in order, and no sentinel.
  call_or_explain(student, "produce " + q.str() + " -2 5", 3s,
                  tr("produce(q, -2, 5) on an empty queue of 8 must return at once"));
  std::vector<std::string> put = drain(reference, q);
  const std::vector<std::string> want = {"-2", "-1", "0", "1", "2"};
  IPCLAB_REQUIRE(put == want)
      << (put.size() > want.size() && put.back() == "None"
              ? trf("produce(q, -2, 5) must put exactly {}, in that order; the queue held {}. "
                    "produce() puts no None: the parent puts the sentinels, one per consumer, "
                    "once every producer is done",
                    show(want), show(put))
              : trf("produce(q, -2, 5) must put exactly {}, in that order; the queue held {}",
                    show(want), show(put)));
  // produce() more items than fit: it waits for room while the reference consumes.
  reference.post("consume " + q.str());
  Reply produced = student.call_watching("produce " + q.str() + " 100 50", reference, 5s);
  IPCLAB_EXPECT(produced.ok) << did("produce(q, 100, 50)", produced);
  call_or_explain(student, put_request(q, "None"), 3s, tr("put(None) must return"));
  Reply taken = await_or_explain(reference, 5s, tr("the reference consume() stops at None"));
  std::vector<long long> expected(50);
  std::iota(expected.begin(), expected.end(), 100);
  IPCLAB_EXPECT(consumed_items(taken) == expected)
      << trf("produce(q, 100, 50) into a queue of 8, while the reference consumed, must "
             "deliver {}; the reference consume() got {}",
             show(expected), show(consumed_items(taken)));
  // consume(): the items before the first None, in order; the rest stays.
  drain(reference, q);
  for (const char* item : {"3", "-1", "0", "7", "None", "99"})
    reference.ok(put_request(q, item));
  Reply consumed = call_or_explain(student, "consume " + q.str(), 3s,
                                   tr("consume() must return once it gets None"));
  IPCLAB_REQUIRE(consumed.ok) << did("consume()", consumed);
  const std::vector<long long> before_none = {3, -1, 0, 7};
  IPCLAB_EXPECT(consumed_items(consumed) == before_none)
      << trf("with 3, -1, 0, 7, None, 99 in the queue, consume() must return {} (only None ends "
             "it; 0 and -1 are items), but it returned {}",
             show(before_none), show(consumed_items(consumed)));
  IPCLAB_EXPECT(drain(reference, q) == std::vector<std::string>{"99"})
      << tr("consume() must stop at the first None and leave the 99 behind it in the queue");
}

TEST(producer_consumer, consume_waits_for_slow_producer) {
  QueueName q;
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + q.str() + " 4");
  student.ok("open " + q.str());
  student.post("consume " + q.str());
  // A slow producer: nothing for 1.1 s, then an item every 200 ms, then None.
  std::optional<Reply> early = student.poll_reply(1100ms);
  for (const char* item : {"1", "2", "3"}) {
    if (early) break;
    reference.ok(put_request(q, item));
    early = student.poll_reply(200ms);
  }
  if (!early) reference.ok(put_request(q, "None"));
  Reply consumed =
      early ? *early : await_or_explain(student, 3s, tr("consume() must return once it gets None"));
  IPCLAB_REQUIRE(consumed.ok) << did("consume()", consumed);
  const std::vector<long long> want = {1, 2, 3};
  IPCLAB_EXPECT(consumed_items(consumed) == want)
      << trf("a producer that puts 1, 2, 3 and None slowly (the first item after 1.1 s): "
             "consume() must return [1, 2, 3], but it returned {}. An empty queue only means the "
             "producers are slower: wait with a blocking get() (no timeout, no get_nowait()) "
             "until the None arrives",
             show(consumed_items(consumed)));
}

TEST(producer_consumer, pipeline) {
  Driver student = Driver::start(Build::student);
  CapacityWatch watch(prefix_of(student));
  PipelineRun run = run_pipeline(student, {2, 3, 200, 4});
  expect_pipeline_result(run);
  std::string violation = watch.stop();
  // TRANSLATORS: {} says what the harness saw in a queue, a whole sentence
  IPCLAB_EXPECT(violation.empty()) << trf("during run_pipeline(2, 3, 200, 4): {}", violation);
  expect_nothing_left(watch, "run_pipeline(2, 3, 200, 4)");
}

TEST(producer_consumer, pipeline_cleanup) {
  Driver student = Driver::start(Build::student);
  for (int run = 1; run <= 2; ++run) {
    PipelineRun result = run_pipeline(student, {1, 2, 20, 2});
    expect_pipeline_result(result);
    const std::string call = trf("run_pipeline(1, 2, 20, 2) (run {} of 2)", run);
    expect_children_gone(student, call);
    expect_no_segments(student, call);
    if (HasFailure()) return;  // the second run would only say the same again
  }
}

}  // namespace
}  // namespace pc_harness
