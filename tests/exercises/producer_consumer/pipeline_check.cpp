#include "pipeline_check.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace pc_harness {

std::string PipelineShape::call() const {
  return "run_pipeline(" + std::to_string(producers) + ", " + std::to_string(consumers) + ", " +
         std::to_string(per_producer) + ", " + std::to_string(maxsize) + ")";
}

namespace {

/// Waits (1 s at most) until `driver` has printed nothing new for 100 ms: what
/// its children wrote before exiting reaches the harness a little after the reply.
void settle_output(const Driver& driver) {
  std::size_t seen = driver.output().size();
  for (int quiet = 0, round = 0; quiet < 5 && round < 50; ++round) {
    std::this_thread::sleep_for(20ms);
    std::size_t now = driver.output().size();
    quiet = now == seen ? quiet + 1 : 0;
    seen = now;
  }
}

}  // namespace

PipelineRun run_pipeline(Driver& driver, const PipelineShape& shape) {
  const std::string request =
      "pipeline " + std::to_string(shape.producers) + " " + std::to_string(shape.consumers) + " " +
      std::to_string(shape.per_producer) + " " + std::to_string(shape.maxsize);
  Reply reply = call_or_explain(driver, request, 6s,
                                trf("{} takes well under a second when it works", shape.call()));
  if (!reply.ok) settle_output(driver);  // a failed child's last words may still be on the way
  return {shape, reply, driver.printed()};
}

void expect_pipeline_result(const PipelineRun& run) {
  const PipelineShape& shape = run.shape;
  if (!run.reply.ok) {
    ipclab::harness::abort_test(ipclab::harness::Outcome::failed,
                                did(shape.call(), run.reply) + run.printed);
  }
  const long long items = shape.producers * shape.per_producer;
  const long long want = items * (items - 1) / 2;  // 0 + 1 + ... + (items - 1)
  const long long total = run.reply.number(0);
  IPCLAB_EXPECT(total == want)
      // TRANSLATORS: run_pipeline(2, 3, 200, 4) | its total | the number of items | the last
      // item | their sum
      << (total < want ? trf("{} reported a total of {}, but the {} items 0 .. {} add up to {}: "
                             "items were lost (did a consumer stop before its None, or did the "
                             "sentinels go in before every producer had finished?)",
                             shape.call(), total, items, items - 1, want)
                       : trf("{} reported a total of {}, but the {} items 0 .. {} add up to {}: "
                             "items were counted more than once",
                             shape.call(), total, items, items - 1, want));
  long long sum = 0;
  for (std::size_t i = 1; i < run.reply.words.size(); ++i)
    sum += run.reply.number(i);
  const auto reported = static_cast<int>(run.reply.words.size()) - 1;
  IPCLAB_EXPECT(reported == shape.consumers)
      << trf("{} must report one sum per consumer ({}), it reported {}", shape.call(),
             shape.consumers, reported);
  IPCLAB_EXPECT(sum == total) << trf("{}: the per-consumer sums add up to {}, not to the total {}",
                                     shape.call(), sum, total);
}

void expect_nothing_left(const CapacityWatch& watch, const std::string& calls) {
  const std::string left = watch.leftovers();
  IPCLAB_EXPECT(left.empty())
      // TRANSLATORS: run_pipeline(2, 3, 200, 4) | "queue 'q' still held 1 item"
      << trf("after {} returned, {}: the queues must be empty at the end. Put exactly one None "
             "per consumer -- each consumer takes one None and stops, so any None more stays "
             "behind in the work queue",
             calls, left);
}

}  // namespace pc_harness
