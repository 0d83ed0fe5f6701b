// Reference implementation of the producer/consumer pipeline.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "ipclab/names.hpp"
#include "queue.hpp"

namespace ipclab::pc {
namespace {

template <class Body>
pid_t spawn(Body body) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid > 0) return pid;
  int code = 0;
  try {
    body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pipeline child: %s\n", e.what());
    code = 1;
  }
  std::fflush(nullptr);
  ::_exit(code);
}

bool joined_ok(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

void produce(Queue& queue, Item first, Item count) {
  for (Item item = first; item < first + count; ++item)
    queue.put(item);
}

std::vector<Item> consume(Queue& queue) {
  std::vector<Item> items;
  while (Message message = queue.get())
    items.push_back(*message);
  return items;
}

PipelineResult run_pipeline(int producers, int consumers, Item per_producer, std::size_t maxsize) {
  if (producers < 0 || consumers < 1)
    throw std::invalid_argument("run_pipeline: bad process counts");
  const std::string work_name = unique_name("work");
  const std::string results_name = unique_name("results");
  Queue work = Queue::create(work_name, maxsize);
  Queue results = Queue::create(results_name, static_cast<std::size_t>(consumers));
  std::vector<pid_t> consumer_pids, producer_pids;
  for (int c = 0; c < consumers; ++c) {
    consumer_pids.push_back(spawn([&] {
      std::vector<Item> items = consume(work);
      results.put(std::accumulate(items.begin(), items.end(), Item{0}));
    }));
  }
  for (int p = 0; p < producers; ++p)
    producer_pids.push_back(spawn([&] { produce(work, p * per_producer, per_producer); }));
  bool ok = true;
  for (pid_t pid : producer_pids)
    ok = joined_ok(pid) && ok;
  for (int c = 0; c < consumers; ++c)
    work.put(None);
  // Each consumer's result fits in the results queue, so the consumers can all
  // be joined first; a consumer that died then costs a missing result, not a hang.
  for (pid_t pid : consumer_pids)
    ok = joined_ok(pid) && ok;
  PipelineResult result;
  while (results.qsize() > 0) {
    Item sum = results.get_nowait().value_or(0);
    result.per_consumer.push_back(sum);
    result.total += sum;
  }
  ok = ok && result.per_consumer.size() == static_cast<std::size_t>(consumers);
  Queue::remove(work_name);
  Queue::remove(results_name);
  if (!ok) throw std::runtime_error("run_pipeline: a child process failed");
  return result;
}

}  // namespace ipclab::pc
