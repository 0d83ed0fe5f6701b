#include "run/trial_interpreter.hpp"

#include <fmt/format.h>

#include <sstream>

#include "i18n/messages.hpp"
#include "sandbox/tree_facts.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;

std::string tail(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  for (std::size_t seen = 0; pos > 0 && seen <= lines; --pos) {
    if (text[pos - 1] == '\n') ++seen;
  }
  std::string result = pos == 0 ? text : text.substr(pos + 1);
  while (!result.empty() && result.back() == '\n')
    result.pop_back();
  return result;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", duration.count() / 1000.0);
}

/// "sleeping in read()" in the chosen language.
std::string activity_text(const ipclab::exec::ProcessInfo& process) {
  ipclab::exec::Activity activity = ipclab::exec::activity_of(process);
  if (activity.detail.empty()) return tr(activity.state);
  return fmt::format(fmt::runtime(tr(activity.pattern)), tr(activity.state), activity.detail);
}

std::string describe_snapshot(const std::vector<ipclab::exec::ProcessInfo>& snapshot) {
  if (snapshot.empty()) return "";
  std::string text = "\n" + std::string(tr("What each process was doing:"));
  for (const auto& p : snapshot) {
    text += fmt::format("\n  - pid {} ({}): {}", p.pid, p.name, activity_text(p));
  }
  return text;
}

Outcome outcome_of_record(const std::string& text) {
  if (text == "skipped") return Outcome::not_run;
  auto outcome = parse_outcome(text);
  if (!outcome || *outcome == Outcome::build_failed || *outcome == Outcome::not_run) {
    return Outcome::unresolved;
  }
  return *outcome;
}

TrialResult without_record(const ProcessResult& process, const std::string& gtest_name,
                           bool any_record) {
  std::string output = tail(process.err + process.out, 15);
  std::string printed = output.empty() ? "" : "\n" + std::string(tr("It printed:")) + "\n" + output;
  if (!process.status.exited) {
    return {
        Outcome::crashed,
        fmt::format(fmt::runtime(tr("the test program was {} before it reported a result for {}")),
                    ipclab::exec::describe(process.status), gtest_name) +
            printed,
        process.wall_time,
        {}};
  }
  if (process.status.exit_code == 0 && !any_record) {
    return {Outcome::unresolved,
            fmt::format(
                fmt::runtime(tr("the harness has no test named {}: assignments.yaml and the kit "
                                "disagree (rebuild the kit)")),
                gtest_name),
            process.wall_time,
            {}};
  }
  return {Outcome::unresolved,
          fmt::format(fmt::runtime(tr("the harness exited with code {} without a result for {}")),
                      process.status.exit_code, gtest_name) +
              printed,
          process.wall_time,
          {}};
}

/// The verdict the harness wrote on the result channel (fd 3).
TrialResult from_channel(const ProcessResult& process, const std::string& gtest_name) {
  auto it = process.channels.find(3);
  std::vector<HarnessRecord> records =
      parse_records(it != process.channels.end() ? it->second : "");
  if (records.empty()) return without_record(process, gtest_name, false);
  const HarnessRecord& record = records.front();
  if (records.size() > 1 || record.test != gtest_name) {
    // The harness runs one test and writes one record: anything else on the
    // channel was written by someone else. Never trust such a run.
    return {
        Outcome::unresolved,
        fmt::format(
            fmt::runtime(
                tr("the result channel carried {} record(s), not the one record of {} the "
                   "harness writes: a process tried to forge the verdict; this run earns nothing")),
            records.size(), gtest_name),
        process.wall_time,
        {}};
  }
  std::string message = record.message;
  if (record.outcome == "skipped" && message.empty()) {
    message = tr("the harness skipped this test without saying why");  // never silently
  }
  return {outcome_of_record(record.outcome),
          message,
          std::chrono::milliseconds(record.duration_ms),
          {}};
}

/// "2 GiB", "512 MiB".
std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) {
    return fmt::format("{} GiB", bytes >> 30);
  }
  return fmt::format("{} MiB", bytes >> 20);
}

/// A process of the test ran out of memory: its allocation failed under the
/// test's RLIMIT_AS (C++ says std::bad_alloc as it terminates). Only a note:
/// what a student program prints never decides a verdict. Said once: the
/// sandbox's note on the run's memory cgroup says it too (memory_limit_reached:
/// a fact, not the note's words, which are in the student's language).
void note_memory_limit(const ProcessResult& process, const Limits& limits, TrialResult& trial) {
  if (trial.outcome != Outcome::crashed && trial.outcome != Outcome::failed) return;
  if (trial.message.find("std::bad_alloc") == std::string::npos) return;
  if (process.memory_limit_reached) return;
  trial.notes.push_back(fmt::format(
      fmt::runtime(
          tr("an allocation failed (std::bad_alloc): it reached the test's memory limit ({})")),
      size_text(limits.memory_bytes)));
}

}  // namespace

std::vector<HarnessRecord> parse_records(const std::string& channel, int* malformed) {
  std::vector<HarnessRecord> records;
  std::istringstream lines(channel);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    if (std::optional<HarnessRecord> record = ipclab::exec::parse_line(line)) {
      records.push_back(std::move(*record));
    } else if (malformed != nullptr) {
      ++*malformed;
    }
  }
  return records;
}

TrialResult interpret_trial(const ProcessResult& process, const std::string& gtest_name,
                            const Limits& limits) {
  TrialResult trial;
  if (process.termination == Termination::timed_out) {
    trial = {Outcome::timed_out,
             fmt::format(fmt::runtime(tr("the test did not finish within {} and was stopped")),
                         seconds_text(limits.timeout)) +
                 describe_snapshot(process.snapshot),
             process.wall_time,
             {}};
  } else if (process.termination == Termination::output_limit) {
    trial = {
        Outcome::output_limit,
        fmt::format(fmt::runtime(tr(
                        "the test printed more than {} bytes and was stopped. It began with:\n{}")),
                    limits.output_bytes, (process.out + process.err).substr(0, 600)),
        process.wall_time,
        {}};
  } else {
    trial = from_channel(process, gtest_name);
    note_memory_limit(process, limits, trial);
  }
  if (process.leftover_processes > 0)
    trial.notes.push_back(killed_afterwards_note(process.leftover_processes));
  return trial;
}

}  // namespace grader
