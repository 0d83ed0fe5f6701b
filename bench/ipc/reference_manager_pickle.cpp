// The manager's proxy calls and the serializer's throughput, on their
// reference implementations.
#include "benchmark.hpp"
#include "manager_results_collector/manager.hpp"
#include "serialization/pickle.hpp"
#include "serialization/sample.hpp"

namespace ipclab::bench {
namespace {

double manager_round_trip(Placement where, const Workload& load) {
  // The server is forked by start(): it inherits the affinity we have then.
  pin_to(child_cpu(where));
  ipclab::manager::Manager manager;
  manager.start();
  pin_to(parent_cpu(where));
  ipclab::manager::DictProxy dict = manager.dict();
  const int calls = load.round_trips / 4 + 1;  // a call is several system calls
  for (int i = 0; i < calls / 10 + 1; ++i)
    dict.add("count", 1);
  const double start = now_seconds();
  for (int i = 0; i < calls; ++i)
    dict.add("count", 1);
  const double us = (now_seconds() - start) * 1e6 / calls;
  manager.shutdown();
  return us;
}

/// Repeats `once` for at least 0.2 s; bytes handled per second, in MB/s.
template <class Once>
double megabytes_per_second(std::size_t bytes, const Once& once) {
  once();  // warm-up
  int runs = 0;
  const double start = now_seconds();
  double elapsed = 0;
  do {
    once();
    ++runs;
    elapsed = now_seconds() - start;
  } while (elapsed < 0.2);
  return bytes * static_cast<double>(runs) / elapsed / 1e6;
}

double dumps_rate(Placement, const Workload& load) {
  const ipclab::pickle::Value value = ipclab::pickle::sample_value(load.pickle_bytes, 7);
  const std::size_t bytes = ipclab::pickle::dumps(value).size();
  return megabytes_per_second(bytes, [&] { (void)ipclab::pickle::dumps(value); });
}

double loads_rate(Placement, const Workload& load) {
  const ipclab::Bytes data =
      ipclab::pickle::dumps(ipclab::pickle::sample_value(load.pickle_bytes, 7));
  return megabytes_per_second(data.size(), [&] { (void)ipclab::pickle::loads(data); });
}

}  // namespace

std::vector<Benchmark> manager_and_pickle_benchmarks() {
  using M = Metric;
  return {
      {"manager.reference.rtt", "Manager: DictProxy.add()", "reference manager_results_collector",
       "medium", M::round_trip_us, true, manager_round_trip},
      {"pickle.reference.dumps", "pickle dumps (1 MiB value)", "reference serialization", "",
       M::megabytes_per_s, false, dumps_rate},
      {"pickle.reference.loads", "pickle loads (1 MiB value)", "reference serialization", "",
       M::megabytes_per_s, false, loads_rate},
  };
}

}  // namespace ipclab::bench
