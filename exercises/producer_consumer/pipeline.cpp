// Producer-consumer, part 2: producers, consumers and the pipeline that runs
// them as processes. Your file: replace every `throw NotImplemented(...)`.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "ipclab/names.hpp"
#include "queue.hpp"

namespace ipclab::pc {

void produce(Queue& queue, Item first, Item count) {
  // TODO: put first, first + 1, ..., first + count - 1, in order, with the
  // blocking queue.put(item). No sentinel: that is the parent's job.
  (void)queue;
  (void)first;
  (void)count;
  throw NotImplemented("produce");
}

std::vector<Item> consume(Queue& queue) {
  // TODO: loop: Message m = queue.get(); stop at the first None; keep the items
  // in the order you got them. Use the blocking get() without a timeout: an
  // empty queue does not mean the producers are done, only the sentinel does.
  (void)queue;
  throw NotImplemented("consume");
}

PipelineResult run_pipeline(int producers, int consumers, Item per_producer, std::size_t maxsize) {
  // TODO (README.md, "Part 2", has the steps and the Python it mirrors):
  //  1. Create the work queue (maxsize) and a results queue (one slot per
  //     consumer), named with ipclab::unique_name("work") / ("results").
  //  2. std::fflush(nullptr); then fork the consumers: each one runs consume()
  //     on the work queue, puts the sum of its items into the results queue,
  //     and ends with _exit(0) (_exit(1) if something threw) -- never return.
  //  3. Fork the producers: producer p runs produce(work, p * per_producer,
  //     per_producer) and ends with _exit().
  //  4. waitpid() every producer. The consumers keep the queue moving meanwhile.
  //  5. Put one None per consumer into the work queue.
  //  6. get() one result per consumer from the results queue.
  //  7. waitpid() every consumer; throw std::runtime_error if a child failed.
  //  8. Queue::remove() both queues. Return the total and the per-consumer sums.
  (void)producers;
  (void)consumers;
  (void)per_producer;
  (void)maxsize;
  throw NotImplemented("run_pipeline");
}

}  // namespace ipclab::pc
