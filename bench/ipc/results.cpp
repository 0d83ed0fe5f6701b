#include "results.hpp"

#include <fmt/format.h>
#include <sys/utsname.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

namespace ipclab::bench {
namespace {

const Series* find(const std::vector<Series>& all, const std::string& id, Placement where) {
  for (const Series& s : all) {
    if (s.benchmark->id == id && s.placement == where) return &s;
  }
  return nullptr;
}

std::string figure(double value, Metric metric) {
  if (metric == Metric::round_trip_us) return fmt::format("{:.2f}", value);
  if (metric == Metric::megabytes_per_s) return fmt::format("{:.0f}", value);
  return fmt::format("{:.2f} M", value / 1e6);
}

std::string kernel() {
  utsname name{};
  return ::uname(&name) == 0 ? std::string(name.sysname) + " " + name.release : "unknown";
}

}  // namespace

std::string unit_of(Metric metric) {
  switch (metric) {
    case Metric::round_trip_us:
      return "us";
    case Metric::messages_per_s:
      return "msg/s";
    case Metric::operations_per_s:
      return "ops/s";
    case Metric::megabytes_per_s:
      return "MB/s";
  }
  return "?";
}

bool higher_is_better(Metric metric) {
  return metric != Metric::round_trip_us;
}

double GoalResult::median_slowdown() const {
  return median(slowdowns);
}

bool GoalResult::met() const {
  return !slowdowns.empty() && median_slowdown() <= goal->factor;
}

const std::vector<Goal>& goals() {
  static const std::vector<Goal> all = {
      // The goal is about 64-byte items. The Queue's items are 8 bytes, so
      // each 64 B record crosses it as 8 items; both sides count records (= bytes)
      // per second. The 8 B rows (queue.reference.throughput, message_queue8) stay
      // in the table as extra information, without a goal.
      {"Queue throughput within 1.5x of Boost message_queue (64 B records)",
       "queue64.reference.throughput", "message_queue.raw.throughput", 1.5},
      {"Connection throughput within 1.5x of a raw framed pipe (64 B)",
       "pipe.connection.throughput", "pipe.raw.throughput", 1.5},
      {"Connection round trip within 1.5x of a raw framed pipe (64 B)", "pipe.connection.rtt",
       "pipe.raw.rtt", 1.5},
  };
  return all;
}

std::vector<GoalResult> evaluate(const std::vector<Series>& series) {
  std::vector<GoalResult> results;
  for (const Goal& goal : goals()) {
    for (Placement where : {Placement::same_cpu, Placement::cross_cpu, Placement::unpinned}) {
      const Series* subject = find(series, goal.subject_id, where);
      const Series* baseline = find(series, goal.baseline_id, where);
      if (subject == nullptr || baseline == nullptr) continue;
      GoalResult result{&goal, where, {}};
      const bool higher = higher_is_better(subject->benchmark->metric);
      for (std::size_t i = 0; i < subject->values.size() && i < baseline->values.size(); ++i) {
        const double a = subject->values[i], b = baseline->values[i];
        result.slowdowns.push_back(higher ? b / a : a / b);
      }
      results.push_back(result);
    }
  }
  return results;
}

void print_tables(const std::vector<Series>& series, const std::vector<GoalResult>& goals,
                  std::ostream& out) {
  for (Placement where : {Placement::same_cpu, Placement::cross_cpu, Placement::unpinned}) {
    out << fmt::format("\n{} (medians of {} rounds)\n", to_string(where),
                       series.empty() ? 0 : series.front().values.size());
    out << fmt::format("  {:<42} {:<36} {:<10} {:>12} {:>8}\n", "mechanism", "implementation",
                       "course", "median", "unit");
    for (const Series& s : series) {
      if (s.placement != where) continue;
      const Benchmark& b = *s.benchmark;
      out << fmt::format("  {:<42} {:<36} {:<10} {:>12} {:>8}\n", b.mechanism, b.implemented,
                         b.course_claim, figure(median(s.values), b.metric), unit_of(b.metric));
    }
  }
  out << "\nGoals (slowdown = how many times slower than the baseline, median of pairs)\n";
  for (const GoalResult& g : goals) {
    out << fmt::format("  {:<4} {:<66} {:<15} {:.2f}x\n", g.met() ? "met" : "MISS", g.goal->name,
                       to_string(g.placement), g.median_slowdown());
  }
}

void write_json(const std::vector<Series>& series, const std::vector<GoalResult>& goals,
                const Workload& load, int rounds, std::ostream& out) {
  nlohmann::json json = {
      {"schema", "ipclab.bench-ipc/1"},
      {"machine", {{"cpus", std::thread::hardware_concurrency()}, {"kernel", kernel()}}},
      {"rounds", rounds},
      {"workload",
       {{"round_trips", load.round_trips},
        {"messages", load.messages},
        {"increments", load.increments},
        {"episodes", load.episodes},
        {"pickle_bytes", load.pickle_bytes}}},
      {"results", nlohmann::json::array()},
      {"goals", nlohmann::json::array()}};
  for (const Series& s : series) {
    const auto [low, high] = std::minmax_element(s.values.begin(), s.values.end());
    json["results"].push_back({{"id", s.benchmark->id},
                               {"mechanism", s.benchmark->mechanism},
                               {"implementation", s.benchmark->implemented},
                               {"course_claim", s.benchmark->course_claim},
                               {"placement", to_string(s.placement)},
                               {"unit", unit_of(s.benchmark->metric)},
                               {"median", median(s.values)},
                               {"min", *low},
                               {"max", *high},
                               {"values", s.values}});
  }
  for (const GoalResult& g : goals) {
    json["goals"].push_back({{"goal", g.goal->name},
                             {"subject", g.goal->subject_id},
                             {"baseline", g.goal->baseline_id},
                             {"placement", to_string(g.placement)},
                             {"factor", g.goal->factor},
                             {"median_slowdown", g.median_slowdown()},
                             {"slowdowns", g.slowdowns},
                             {"met", g.met()}});
  }
  out << json.dump(2) << "\n";
}

}  // namespace ipclab::bench
