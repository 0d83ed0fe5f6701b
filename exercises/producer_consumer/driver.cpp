// Provided: the driver. It exposes every operation of queue.hpp as a command,
// so the tests can ask this process to put, get, produce or consume on a
// queue, or to run a whole pipeline. Run it by hand to experiment:
//
//   $ ./producer_consumer_driver
//   create q 3          make the queue "q" (the segment /dev/shm/q) of 3 items
//   put q 7             -> ok
//   get q               -> ok 7
//   help                list every command
#include <atomic>
#include <boost/interprocess/exceptions.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "ipclab/driver_loop.hpp"
#include "queue.hpp"

namespace {

using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
using ipclab::pc::Item;
using ipclab::pc::Message;
using ipclab::pc::Queue;

std::map<std::string, Queue> queues;

Queue& named(const Request& request) {
  auto it = queues.find(request.word(0));
  if (it == queues.end()) {
    throw ipclab::DriverError("Usage",
                              "no queue named '" + request.word(0) + "' (create or open it)");
  }
  return it->second;
}

std::string show(const Message& message) {
  return message ? std::to_string(*message) : "None";
}

Message message_arg(const Request& request, std::size_t index) {
  if (request.word(index) == "None") return ipclab::pc::None;
  return request.integer(index);
}

bool block_arg(const Request& request, std::size_t index) {
  return !request.has(index) || request.integer(index) != 0;
}

ipclab::pc::Timeout timeout_arg(const Request& request, std::size_t index) {
  if (!request.has(index) || request.word(index) == "None") return std::nullopt;
  return std::chrono::milliseconds(request.integer(index));
}

/// Wakes every process waiting on the queue without changing it: what a
/// spurious wake-up looks like. Correct code checks its condition again and
/// goes back to waiting.
void notify_all(Queue& queue) {
  ipclab::pc::SharedState& state = queue.shared();
  ipclab::pc::Lock lock(state.mutex);
  state.not_empty.notify_all();
  state.not_full.notify_all();
}

/// A thread that calls notify_all() every `period` until stopped.
class Storm {
 public:
  Storm(const std::string& name, std::chrono::milliseconds period)
      : thread_([this, name, period] { run(name, period); }) {}
  ~Storm() {
    stop_ = true;
    thread_.join();
  }

 private:
  void run(const std::string& name, std::chrono::milliseconds period) {
    try {
      Queue queue = Queue::open(name);
      while (!stop_) {
        notify_all(queue);
        std::this_thread::sleep_for(period);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "storm: %s\n", e.what());
    }
  }
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

std::unique_ptr<Storm> storm;

void register_queue_commands(DriverLoop& loop) {
  loop.on("create", "create NAME MAXSIZE", [](const Request& r) {
    auto maxsize = static_cast<std::size_t>(r.integer(1) < 0 ? 0 : r.integer(1));
    queues.insert_or_assign(r.word(0), Queue::create(r.word(0), maxsize));
    return Reply{};
  });
  loop.on("open", "open NAME", [](const Request& r) {
    queues.insert_or_assign(r.word(0), Queue::open(r.word(0)));
    return Reply{};
  });
  loop.on("close", "close NAME   (unmap the queue; the segment stays)", [](const Request& r) {
    queues.erase(r.word(0));
    return Reply{};
  });
  loop.on("remove", "remove NAME  -> 1 if a segment was deleted",
          [](const Request& r) { return Reply{Queue::remove(r.word(0)) ? "1" : "0"}; });
  loop.on("put", "put NAME ITEM|None [BLOCK(0|1) [TIMEOUT_MS|None]]", [](const Request& r) {
    named(r).put(message_arg(r, 1), block_arg(r, 2), timeout_arg(r, 3));
    return Reply{};
  });
  loop.on("get", "get NAME [BLOCK(0|1) [TIMEOUT_MS|None]]  -> ITEM|None", [](const Request& r) {
    return Reply{show(named(r).get(block_arg(r, 1), timeout_arg(r, 2)))};
  });
  loop.on("qsize", "qsize NAME",
          [](const Request& r) { return Reply{std::to_string(named(r).qsize())}; });
  loop.on("maxsize", "maxsize NAME",
          [](const Request& r) { return Reply{std::to_string(named(r).maxsize())}; });
}

void register_pipeline_commands(DriverLoop& loop) {
  loop.on("produce", "produce NAME FIRST COUNT", [](const Request& r) {
    ipclab::pc::produce(named(r), r.integer(1), r.integer(2));
    return Reply{};
  });
  loop.on("consume", "consume NAME  -> COUNT ITEM...", [](const Request& r) {
    std::vector<Item> items = ipclab::pc::consume(named(r));
    Reply reply{std::to_string(items.size())};
    for (Item item : items)
      reply.push_back(std::to_string(item));
    return reply;
  });
  loop.on("pipeline", "pipeline PRODUCERS CONSUMERS PER_PRODUCER MAXSIZE  -> TOTAL SUM...",
          [](const Request& r) {
            auto result = ipclab::pc::run_pipeline(static_cast<int>(r.integer(0)),
                                                   static_cast<int>(r.integer(1)), r.integer(2),
                                                   static_cast<std::size_t>(r.integer(3)));
            Reply reply{std::to_string(result.total)};
            for (Item sum : result.per_consumer)
              reply.push_back(std::to_string(sum));
            return reply;
          });
}

void register_wakeup_commands(DriverLoop& loop) {
  loop.on("notify", "notify NAME  (wake every waiter without changing the queue)",
          [](const Request& r) {
            notify_all(named(r));
            return Reply{};
          });
  loop.on("storm", "storm NAME PERIOD_MS  (notify every PERIOD_MS; 0 stops)", [](const Request& r) {
    storm.reset();
    if (r.integer(1) > 0) {
      storm = std::make_unique<Storm>(r.word(0), std::chrono::milliseconds(r.integer(1)));
    }
    return Reply{};
  });
}

}  // namespace

int main() {
  DriverLoop loop("producer_consumer");
  loop.name_error<boost::interprocess::interprocess_exception>("OSError");
  register_queue_commands(loop);
  register_pipeline_commands(loop);
  register_wakeup_commands(loop);
  int status = loop.run();
  storm.reset();
  return status;
}
