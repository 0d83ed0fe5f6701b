// The pipe exercise's reference Connection, timed like the raw framed pipe.
#include "benchmark.hpp"
#include "pipe_ping_pong/connection.hpp"

namespace ipclab::bench {
namespace {

using ipclab::pipe::Connection;

void echo(Connection& in, Connection& out) {
  try {
    for (;;)
      out.send_bytes(in.recv_bytes());
  } catch (const ipclab::EndOfStream&) {
  }
}

double connection_round_trip(Placement where, const Workload& load) {
  auto [there_in, there_out] = ipclab::pipe::Pipe(false);
  auto [back_in, back_out] = ipclab::pipe::Pipe(false);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    there_out.close();
    back_in.close();
    echo(there_in, back_out);
  });
  there_in.close();
  back_out.close();
  const ipclab::Bytes message(64, 0x5a);
  auto trip = [&] {
    there_out.send_bytes(message);
    if (back_in.recv_bytes().size() != message.size()) throw std::runtime_error("bad echo");
  };
  for (int i = 0; i < load.round_trips / 10 + 1; ++i)
    trip();
  const double start = now_seconds();
  for (int i = 0; i < load.round_trips; ++i)
    trip();
  const double us = (now_seconds() - start) * 1e6 / load.round_trips;
  there_out.close();
  join(child, "Connection echo");
  return us;
}

double connection_throughput(Placement where, const Workload& load) {
  auto [in, out] = ipclab::pipe::Pipe(false);
  pid_t child = fork_pinned(child_cpu(where), [&] {
    in.close();
    const ipclab::Bytes message(64, 0x5a);
    for (int i = 0; i <= load.messages; ++i)
      out.send_bytes(message);
  });
  out.close();
  in.recv_bytes();
  const double start = now_seconds();
  for (int i = 0; i < load.messages; ++i)
    in.recv_bytes();
  const double rate = load.messages / (now_seconds() - start);
  join(child, "Connection sender");
  return rate;
}

}  // namespace

std::vector<Benchmark> pipe_benchmarks() {
  return {
      {"pipe.connection.rtt", "Pipe: Connection, 64 B", "reference pipe_ping_pong", "fast",
       Metric::round_trip_us, true, connection_round_trip},
      {"pipe.connection.throughput", "Pipe: Connection, 64 B", "reference pipe_ping_pong", "fast",
       Metric::messages_per_s, true, connection_throughput},
  };
}

}  // namespace ipclab::bench
