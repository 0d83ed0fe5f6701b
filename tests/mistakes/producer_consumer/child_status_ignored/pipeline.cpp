// Producer-consumer, part 2: producers, consumers and the pipeline. Model answer.
//
// The Python it mirrors:
//
//   def consumer(work, results):
//       results.put(sum(iter(work.get, None)))
//
//   work, results = Queue(maxsize), Queue(consumers)
//   start the consumers, start the producers
//   join the producers                  # the consumers drain the queue meanwhile
//   for _ in consumers: work.put(None)  # one sentinel PER consumer
//   sums = [results.get() for _ in consumers]
//   join the consumers
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <functional>
#include <stdexcept>
#include <system_error>

#include "ipclab/names.hpp"
#include "queue.hpp"

namespace ipclab::pc {
namespace {

/// Starts a child process that runs `job` and then ends with _exit(): 0 if the
/// job returned, 1 if it threw. Returns the child's pid (in the parent only).
///
/// The child must never return from here: it is a copy of the parent, and
/// returning would make it run the parent's code too (here: the driver would
/// answer the parent's commands). _exit() also skips the parent's destructors
/// and atexit handlers, which must run only once, in the parent.
pid_t start_child(const std::function<void()>& job) {
  std::fflush(nullptr);  // or text buffered before fork() is printed twice
  pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid > 0) return pid;
  int code = 0;
  try {
    job();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pipeline child %d: %s\n", static_cast<int>(::getpid()), e.what());
    code = 1;
  }
  std::fflush(nullptr);  // _exit() does not flush stdio buffers
  ::_exit(code);
}

/// Waits for `pid` to end; true if it exited with status 0.
bool join(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return true;  // the child has ended
}

Item sum_of(const std::vector<Item>& items) {
  Item sum = 0;
  for (Item item : items)
    sum += item;
  return sum;
}

}  // namespace

void produce(Queue& queue, Item first, Item count) {
  for (Item i = 0; i < count; ++i) {
    queue.put(first + i);  // blocks while the queue is full: that is the back-pressure
  }
}

std::vector<Item> consume(Queue& queue) {
  std::vector<Item> items;
  for (;;) {
    Message message = queue.get();  // no timeout: "empty" only means "not yet"
    if (!message) break;            // the sentinel: no more items for this consumer
    items.push_back(*message);
  }
  return items;
}

PipelineResult run_pipeline(int producers, int consumers, Item per_producer, std::size_t maxsize) {
  if (producers < 0 || consumers < 1) {
    throw std::invalid_argument("run_pipeline: needs producers >= 0 and consumers >= 1");
  }
  // 1. The queues, created before fork() so every child inherits the mapping.
  const std::string work_name = ipclab::unique_name("work");
  const std::string results_name = ipclab::unique_name("results");
  Queue work = Queue::create(work_name, maxsize);
  // One slot per consumer: a consumer's put() of its result never blocks.
  Queue results = Queue::create(results_name, static_cast<std::size_t>(consumers));

  // 2. Consumers first, so someone is draining the work queue from the start.
  std::vector<pid_t> consumer_pids;
  for (int c = 0; c < consumers; ++c) {
    consumer_pids.push_back(start_child([&] { results.put(sum_of(consume(work))); }));
  }
  // 3. Producers: producer p makes p * per_producer ... (p + 1) * per_producer - 1.
  std::vector<pid_t> producer_pids;
  for (int p = 0; p < producers; ++p) {
    producer_pids.push_back(start_child([&, p] { produce(work, p * per_producer, per_producer); }));
  }

  // 4. Join the producers. This is safe only because the consumers are already
  // running: a producer blocked in put() on a full queue can only finish when
  // somebody takes items out ("joining processes that use queues").
  bool all_ok = true;
  for (pid_t pid : producer_pids)
    all_ok = join(pid) && all_ok;

  // 5. Every item is in the queue now; behind them, one sentinel per consumer.
  // A consumer stops at the first None it gets, so each needs its own.
  for (int c = 0; c < consumers; ++c)
    work.put(None);

  // 6. One result per consumer.
  PipelineResult result;
  for (int c = 0; c < consumers; ++c) {
    Message sum = results.get();
    result.per_consumer.push_back(sum.value_or(0));
    result.total += sum.value_or(0);
  }

  // 7. Join the consumers; 8. remove the queues (the children are gone, and
  // our own mappings stay valid until `work` and `results` are destroyed).
  for (pid_t pid : consumer_pids)
    all_ok = join(pid) && all_ok;
  Queue::remove(work_name);
  Queue::remove(results_name);
  if (!all_ok) throw std::runtime_error("run_pipeline: a producer or consumer process failed");
  return result;
}

}  // namespace ipclab::pc
