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
                                shape.call() + " takes well under a second when it works");
  if (!reply.ok) settle_output(driver);  // a failed child's last words may still be on the way
  return {shape, reply, driver.printed()};
}

void expect_pipeline_result(const PipelineRun& run) {
  const PipelineShape& shape = run.shape;
  if (!run.reply.ok) {
    ipclab::harness::abort_test(ipclab::harness::Outcome::failed,
                                shape.call() + " " + outcome(run.reply) + run.printed);
  }
  const long long items = shape.producers * shape.per_producer;
  const long long want = items * (items - 1) / 2;  // 0 + 1 + ... + (items - 1)
  const long long total = run.reply.number(0);
  IPCLAB_EXPECT(total == want)
      << shape.call() << " reported a total of " << total << ", but the " << items << " items 0 .. "
      << items - 1 << " add up to " << want
      << (total < want ? ": items were lost (did a consumer stop before its None, or did the "
                         "sentinels go in before every producer had finished?)"
                       : ": items were counted more than once");
  long long sum = 0;
  for (std::size_t i = 1; i < run.reply.words.size(); ++i)
    sum += run.reply.number(i);
  const auto reported = static_cast<int>(run.reply.words.size()) - 1;
  IPCLAB_EXPECT(reported == shape.consumers)
      << shape.call() << " must report one sum per consumer (" << shape.consumers << "), it "
      << "reported " << reported;
  IPCLAB_EXPECT(sum == total) << shape.call() << ": the per-consumer sums add up to " << sum
                              << ", not to the total " << total;
}

void expect_nothing_left(const CapacityWatch& watch, const std::string& calls) {
  const std::string left = watch.leftovers();
  IPCLAB_EXPECT(left.empty())
      << "after " << calls << " returned, " << left
      << ": the queues must be empty at the end. Put exactly one None per consumer -- each "
         "consumer takes one None and stops, so any None more stays behind in the work queue";
}

}  // namespace pc_harness
