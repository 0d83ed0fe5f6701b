// bench-ipc: the course's comparison table, measured on this machine. Runs
// the raw mechanisms and the reference implementations of the six exercises
// with both processes on one CPU, on different CPUs and unpinned, interleaved
// round by round, and prints medians, plus the goals as paired ratios.
#include <CLI/CLI.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <regex>

#include "benchmark.hpp"
#include "results.hpp"

namespace ipclab::bench {

std::vector<Benchmark> pipe_benchmarks();
std::vector<Benchmark> shared_memory_benchmarks();
std::vector<Benchmark> manager_and_pickle_benchmarks();

namespace {

struct Options {
  int rounds = 5;
  bool quick = false;
  std::string json_file;
  std::string only;
};

std::vector<Benchmark> all_benchmarks(const std::string& only) {
  std::vector<Benchmark> all;
  for (auto group :
       {raw_benchmarks, pipe_benchmarks, shared_memory_benchmarks, manager_and_pickle_benchmarks}) {
    for (Benchmark& b : group())
      all.push_back(std::move(b));
  }
  if (only.empty()) return all;
  const std::regex pattern(only);
  std::erase_if(all, [&](const Benchmark& b) { return !std::regex_search(b.id, pattern); });
  return all;
}

std::vector<Series> plan(const std::vector<Benchmark>& benchmarks) {
  std::vector<Series> series;
  for (Placement where : {Placement::same_cpu, Placement::cross_cpu, Placement::unpinned}) {
    for (const Benchmark& b : benchmarks) {
      if (b.placed || where == Placement::unpinned) series.push_back({&b, where, {}});
    }
  }
  return series;
}

void run_round(std::vector<Series>& series, const Workload& load, int round, int rounds) {
  for (Series& s : series) {
    std::cerr << "\r\033[Kround " << round << "/" << rounds << ": " << s.benchmark->id << " ("
              << to_string(s.placement) << ")" << std::flush;
    pin_to(parent_cpu(s.placement));
    const double value = s.benchmark->run(s.placement, load);
    if (!std::isfinite(value) || value <= 0) {
      throw std::runtime_error(s.benchmark->id + " measured nothing (" + std::to_string(value) +
                               ")");
    }
    s.values.push_back(value);
  }
  pin_to(-1);
  std::cerr << "\r\033[K" << std::flush;
}

int run(const Options& options) {
  Workload load;
  if (options.quick) load = {200, 2000, 2000, 200, 1 << 14};
  const std::vector<Benchmark> benchmarks = all_benchmarks(options.only);
  if (benchmarks.empty()) throw std::runtime_error("no benchmark matches --only " + options.only);
  std::vector<Series> series = plan(benchmarks);
  for (int round = 1; round <= options.rounds; ++round)
    run_round(series, load, round, options.rounds);
  const std::vector<GoalResult> results = evaluate(series);
  print_tables(series, results, std::cout);
  if (!options.json_file.empty()) {
    std::ofstream json(options.json_file);
    write_json(series, results, load, options.rounds, json);
    if (!json) throw std::runtime_error("cannot write " + options.json_file);
  }
  return 0;
}

}  // namespace
}  // namespace ipclab::bench

int main(int argc, char** argv) {
  ipclab::bench::Options options;
  CLI::App app{"bench-ipc: the course's IPC comparison table, measured on this machine"};
  app.add_option("--rounds", options.rounds, "Interleaved rounds (medians are over them)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--quick", options.quick, "Tiny workloads: checks that everything runs");
  app.add_option("--json", options.json_file, "Also write the results (ipclab.bench-ipc/1)");
  app.add_option("--only", options.only, "Only the benchmarks whose id matches this regex");
  CLI11_PARSE(app, argc, argv);
  try {
    return ipclab::bench::run(options);
  } catch (const std::exception& e) {
    std::cerr << "\nbench-ipc: error: " << e.what() << "\n";
    return 1;
  }
}
