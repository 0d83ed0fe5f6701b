// The raw mechanisms, written directly on the system calls and Boost: the
// baselines the course's table and the reference implementations are read
// against.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/interprocess/ipc/message_queue.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>
#include <cstring>
#include <new>
#include <stdexcept>
#include <system_error>

#include "benchmark.hpp"
#include "framed_fd.hpp"
#include "spsc_ring.hpp"

namespace ipclab::bench {
namespace {

namespace bip = boost::interprocess;

struct FdPair {
  int ends[2];
};

/// Two one-way channels (pipes or socketpairs): [0] parent→child, [1] back.
std::pair<FdPair, FdPair> channels(bool sockets) {
  FdPair there{}, back{};
  for (FdPair* pair : {&there, &back}) {
    int rc = sockets ? ::socketpair(AF_UNIX, SOCK_STREAM, 0, pair->ends) : ::pipe(pair->ends);
    if (rc != 0) throw std::system_error(errno, std::generic_category(), "pipe/socketpair");
  }
  return {there, back};
}

double framed_round_trip(bool sockets, Placement where, const Workload& load) {
  auto [there, back] = channels(sockets);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    ::close(there.ends[1]);
    ::close(back.ends[0]);
    echo_frames(there.ends[0], back.ends[1]);
  });
  ::close(there.ends[0]);
  ::close(back.ends[1]);
  double us = time_round_trips(there.ends[1], back.ends[0], 64, load.round_trips);
  ::close(there.ends[1]);
  ::close(back.ends[0]);
  join(child, "echo");
  return us;
}

double framed_throughput(bool sockets, Placement where, const Workload& load) {
  auto [there, back] = channels(sockets);
  ::close(back.ends[0]);
  ::close(back.ends[1]);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    ::close(there.ends[0]);
    send_frames(there.ends[1], 64, load.messages);
  });
  ::close(there.ends[1]);
  double rate = receive_frames(there.ends[0], load.messages);
  ::close(there.ends[0]);
  join(child, "sender");
  return rate;
}

struct NamedQueue {
  std::string name = unique_ipc_name("mq");
  bip::message_queue queue;
  NamedQueue(std::size_t depth, std::size_t size)
      : queue(bip::create_only, name.c_str(), depth, size) {}
  ~NamedQueue() { bip::message_queue::remove(name.c_str()); }
};

double mq_round_trip(Placement where, const Workload& load) {
  NamedQueue there(16, 64), back(16, 64);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    char buffer[64];
    std::size_t got = 0;
    unsigned priority = 0;
    for (int i = 0; i < load.round_trips + load.round_trips / 10 + 1; ++i) {
      there.queue.receive(buffer, sizeof buffer, got, priority);
      back.queue.send(buffer, got, 0);
    }
  });
  char message[64] = {};
  char reply[64];
  std::size_t got = 0;
  unsigned priority = 0;
  auto trip = [&] {
    there.queue.send(message, sizeof message, 0);
    back.queue.receive(reply, sizeof reply, got, priority);
  };
  for (int i = 0; i < load.round_trips / 10 + 1; ++i)
    trip();
  const double start = now_seconds();
  for (int i = 0; i < load.round_trips; ++i)
    trip();
  const double us = (now_seconds() - start) * 1e6 / load.round_trips;
  join(child, "message_queue echo");
  return us;
}

double mq_throughput(std::size_t size, Placement where, const Workload& load) {
  NamedQueue queue(1024, size);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    std::vector<char> message(size, 'x');
    for (int i = 0; i <= load.messages; ++i)
      queue.queue.send(message.data(), size, 0);
  });
  std::vector<char> buffer(size);
  std::size_t got = 0;
  unsigned priority = 0;
  queue.queue.receive(buffer.data(), size, got, priority);
  const double start = now_seconds();
  for (int i = 0; i < load.messages; ++i)
    queue.queue.receive(buffer.data(), size, got, priority);
  const double rate = load.messages / (now_seconds() - start);
  join(child, "message_queue sender");
  return rate;
}

double ring_throughput(Placement where, const Workload& load) {
  auto* ring = new (shared_anonymous(sizeof(SpscRing))) SpscRing;
  pid_t child = fork_pinned(child_cpu(where), [&] {
    std::uint8_t message[kRingMessage] = {};
    for (int i = 0; i <= load.messages; ++i) {
      std::memcpy(message, &i, sizeof i);
      ring->push(message);
    }
  });
  std::uint8_t message[kRingMessage];
  ring->pop(message);
  const double start = now_seconds();
  for (int i = 1; i <= load.messages; ++i) {
    ring->pop(message);
    int seen = 0;
    std::memcpy(&seen, message, sizeof seen);
    if (seen != i) throw std::runtime_error("the ring lost or reordered a message");
  }
  const double rate = load.messages / (now_seconds() - start);
  join(child, "ring producer");
  return rate;
}

/// Two processes each add 1 `load.increments` times; increments per second.
template <class Shared, class Increment>
double two_process_increments(Placement where, const Workload& load, Increment increment) {
  struct Block {
    std::atomic<int> started{0};
    Shared shared;
  };
  auto* block = new (shared_anonymous(sizeof(Block))) Block;
  auto work = [&] {
    block->started.fetch_add(1);
    while (block->started.load() < 2) {
    }
    for (int i = 0; i < load.increments; ++i)
      increment(block->shared);
  };
  pid_t child = fork_pinned(child_cpu(where), work);
  const double start = now_seconds();
  work();
  join(child, "incrementer");
  return 2.0 * load.increments / (now_seconds() - start);
}

struct LockedCount {
  bip::interprocess_mutex mutex;
  std::int64_t value = 0;
};

}  // namespace

std::vector<Benchmark> raw_benchmarks() {
  using M = Metric;
  return {
      {"pipe.raw.rtt", "pipe, 64 B framed", "raw", "", M::round_trip_us, true,
       [](Placement p, const Workload& w) { return framed_round_trip(false, p, w); }},
      {"pipe.raw.throughput", "pipe, 64 B framed", "raw", "", M::messages_per_s, true,
       [](Placement p, const Workload& w) { return framed_throughput(false, p, w); }},
      {"socketpair.raw.rtt", "socketpair, 64 B framed", "raw", "", M::round_trip_us, true,
       [](Placement p, const Workload& w) { return framed_round_trip(true, p, w); }},
      {"socketpair.raw.throughput", "socketpair, 64 B framed", "raw", "", M::messages_per_s, true,
       [](Placement p, const Workload& w) { return framed_throughput(true, p, w); }},
      {"message_queue.raw.rtt", "Boost message_queue, 64 B", "raw", "", M::round_trip_us, true,
       mq_round_trip},
      {"message_queue.raw.throughput", "Boost message_queue, 64 B", "raw", "", M::messages_per_s,
       true, [](Placement p, const Workload& w) { return mq_throughput(64, p, w); }},
      {"message_queue8.raw.throughput", "Boost message_queue, 8 B", "raw", "", M::messages_per_s,
       true, [](Placement p, const Workload& w) { return mq_throughput(8, p, w); }},
      {"ring.raw.throughput", "shared-memory SPSC ring, 64 B", "raw", "", M::messages_per_s, true,
       ring_throughput},
      {"atomic.raw.increments", "atomic counter (fetch_add), 2 processes", "raw", "",
       M::operations_per_s, true,
       [](Placement p, const Workload& w) {
         return two_process_increments<std::atomic<std::int64_t>>(
             p, w, [](std::atomic<std::int64_t>& n) { n.fetch_add(1); });
       }},
      {"mutex.raw.increments", "interprocess_mutex counter, 2 processes", "raw", "",
       M::operations_per_s, true,
       [](Placement p, const Workload& w) {
         return two_process_increments<LockedCount>(p, w, [](LockedCount& c) {
           bip::scoped_lock<bip::interprocess_mutex> lock(c.mutex);
           ++c.value;
         });
       }},
  };
}

}  // namespace ipclab::bench
