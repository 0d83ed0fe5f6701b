// The shared-memory exercises' references: the producer-consumer Queue, the
// locked counter, the Event and the Barrier.
#include <array>
#include <atomic>
#include <new>

#include "benchmark.hpp"
#include "event_barrier/sync.hpp"
#include "locked_shared_counter/shared_value.hpp"
#include "producer_consumer/queue.hpp"

namespace ipclab::bench {
namespace {

using ipclab::pc::Queue;

struct RemoveQueue {
  std::string name;
  ~RemoveQueue() { Queue::remove(name); }
};

// The Queue's items are fixed at one int64_t (queue.hpp), so a 64-byte record
// crosses it as 8 consecutive items, put and got one by one: what a program
// with bigger items has to do (exercise README: "A real program would copy
// bigger items into the slots itself"). With one producer and one consumer the
// FIFO order keeps each record's items together.
using Record = std::array<ipclab::pc::Item, 8>;
static_assert(sizeof(Record) == 64, "a record is compared with 64-byte messages");

/// Record `n`: word k holds 8n + k, so a lost, torn or reordered record shows.
Record record(int n) {
  Record r{};
  for (std::size_t k = 0; k < r.size(); ++k)
    r[k] = 8LL * n + static_cast<ipclab::pc::Item>(k);
  return r;
}

void put_record(Queue& queue, const Record& r) {
  for (ipclab::pc::Item word : r)
    queue.put(word);
}

Record get_record(Queue& queue) {
  Record r{};
  for (ipclab::pc::Item& word : r)
    word = queue.get().value();  // a None here would be a bug: value() throws
  return r;
}

/// What a Queue benchmark moves: one item, numbered n.
struct OneItem {
  static constexpr const char* kName = "item";
  static constexpr std::size_t kCapacity = 1024;
  static void put(Queue& queue, int n) { queue.put(n); }
  static bool get_is(Queue& queue, int n) { return queue.get() == n; }
  static void echo(Queue& in, Queue& out) { out.put(in.get()); }
};

/// ... or a 64-byte record, record(n). The queue holds at most kMaxSlots
/// (1024) items, i.e. 128 records, where the message_queue it is compared with
/// holds 1024 messages: the Queue cannot buffer more. The echo peer takes the
/// whole record before it echoes it, as a message_queue peer does.
struct OneRecord {
  static constexpr const char* kName = "record";
  static constexpr std::size_t kCapacity = ipclab::pc::kMaxSlots;
  static void put(Queue& queue, int n) { put_record(queue, record(n)); }
  static bool get_is(Queue& queue, int n) { return get_record(queue) == record(n); }
  static void echo(Queue& in, Queue& out) { put_record(out, get_record(in)); }
};

/// Microseconds for one Unit there and back through two Queues.
template <typename Unit>
double queue_round_trip(Placement where, const Workload& load) {
  RemoveQueue there{unique_ipc_name("q")}, back{unique_ipc_name("q")};
  Queue to = Queue::create(there.name, 16);
  Queue from = Queue::create(back.name, 16);
  const int trips = load.round_trips + load.round_trips / 10 + 1;
  pid_t child = fork_pinned(child_cpu(where), [&] {
    Queue in = Queue::open(there.name);
    Queue out = Queue::open(back.name);
    for (int i = 0; i < trips; ++i)
      Unit::echo(in, out);
  });
  auto trip = [&](int i) {
    Unit::put(to, i);
    if (!Unit::get_is(from, i))
      throw std::runtime_error(std::string("the queue echoed the wrong ") + Unit::kName);
  };
  for (int i = 0; i < load.round_trips / 10 + 1; ++i)
    trip(i);
  const double start = now_seconds();
  for (int i = 0; i < load.round_trips; ++i)
    trip(i);
  const double us = (now_seconds() - start) * 1e6 / load.round_trips;
  join(child, std::string("Queue ") + Unit::kName + " echo");
  return us;
}

/// Units per second from a producer process to this one.
template <typename Unit>
double queue_throughput(Placement where, const Workload& load) {
  RemoveQueue name{unique_ipc_name("q")};
  Queue queue = Queue::create(name.name, Unit::kCapacity);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    Queue out = Queue::open(name.name);
    for (int i = 0; i <= load.messages; ++i)
      Unit::put(out, i);
  });
  Unit::get_is(queue, 0);  // the producer runs: the clock starts now
  const double start = now_seconds();
  for (int i = 1; i <= load.messages; ++i) {
    if (!Unit::get_is(queue, i))
      throw std::runtime_error(std::string("the queue lost, tore or reordered ") + Unit::kName +
                               " " + std::to_string(i));
  }
  const double rate = load.messages / (now_seconds() - start);
  join(child, std::string("Queue ") + Unit::kName + " producer");
  return rate;
}

double counter_increments(Placement where, const Workload& load) {
  namespace shm = ipclab::shm;
  const std::string name = unique_ipc_name("counter");
  shm::Region region = shm::Region::create(name);
  shm::Value counter = shm::Value::create(region, "counter");
  auto* started = new (shared_anonymous(sizeof(std::atomic<int>))) std::atomic<int>{0};
  auto work = [&](shm::Value& value) {
    started->fetch_add(1);
    while (started->load() < 2) {
    }
    shm::increment(value, load.increments);
  };
  pid_t child = fork_pinned(child_cpu(where), [&] {
    shm::Region mine = shm::Region::open(name);
    shm::Value value = shm::Value::open(mine, "counter");
    work(value);
  });
  const double start = now_seconds();
  work(counter);
  join(child, "incrementer");
  const double rate = 2.0 * load.increments / (now_seconds() - start);
  const bool exact = counter.load() == 2LL * load.increments;
  shm::Region::remove(name);
  if (!exact) throw std::runtime_error("the locked counter lost updates");
  return rate;
}

double event_round_trip(Placement where, const Workload& load) {
  using ipclab::sync::Event;
  auto* events = new (shared_anonymous(2 * sizeof(Event))) Event[2];
  Event& ping = events[0];
  Event& pong = events[1];
  const int trips = load.round_trips + load.round_trips / 10 + 1;
  pid_t child = fork_pinned(child_cpu(where), [&] {
    for (int i = 0; i < trips; ++i) {
      ping.wait();
      ping.clear();
      pong.set();
    }
  });
  auto trip = [&] {
    ping.set();
    pong.wait();
    pong.clear();
  };
  for (int i = 0; i < load.round_trips / 10 + 1; ++i)
    trip();
  const double start = now_seconds();
  for (int i = 0; i < load.round_trips; ++i)
    trip();
  const double us = (now_seconds() - start) * 1e6 / load.round_trips;
  join(child, "Event peer");
  return us;
}

double barrier_episode(Placement where, const Workload& load) {
  using ipclab::sync::Barrier;
  auto* barrier = new (shared_anonymous(sizeof(Barrier))) Barrier(2);
  auto run = [&] {
    for (int i = 0; i < load.episodes; ++i)
      barrier->wait();
  };
  pid_t child = fork_pinned(child_cpu(where), run);
  barrier->wait();  // both are running
  const double start = now_seconds();
  for (int i = 1; i < load.episodes; ++i)
    barrier->wait();
  const double us = (now_seconds() - start) * 1e6 / (load.episodes - 1);
  join(child, "Barrier peer");
  return us;
}

}  // namespace

std::vector<Benchmark> shared_memory_benchmarks() {
  using M = Metric;
  return {
      {"queue.reference.rtt", "Queue (8 B items)", "reference producer_consumer", "medium",
       M::round_trip_us, true, queue_round_trip<OneItem>},
      {"queue.reference.throughput", "Queue (8 B items)", "reference producer_consumer", "medium",
       M::messages_per_s, true, queue_throughput<OneItem>},
      // msg/s here counts 64-byte records (8 items each), like message_queue's 64 B messages.
      {"queue64.reference.rtt", "Queue, 64 B records (8 items each)", "reference producer_consumer",
       "medium", M::round_trip_us, true, queue_round_trip<OneRecord>},
      {"queue64.reference.throughput", "Queue, 64 B records (8 items each)",
       "reference producer_consumer", "medium", M::messages_per_s, true,
       queue_throughput<OneRecord>},
      {"counter.reference.increments", "Value with its lock, 2 processes",
       "reference locked_shared_counter", "very fast", M::operations_per_s, true,
       counter_increments},
      {"event.reference.rtt", "Event set/wait ping-pong", "reference event_barrier", "fast",
       M::round_trip_us, true, event_round_trip},
      {"barrier.reference.episode", "Barrier, 2 parties (µs per episode)",
       "reference event_barrier", "", M::round_trip_us, true, barrier_episode},
  };
}

}  // namespace ipclab::bench
