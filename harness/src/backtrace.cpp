#include "harness/backtrace.hpp"

#include <unistd.h>

#include <filesystem>
#include <future>
#include <optional>
#include <regex>

#include "exec/child.hpp"
#include "exec/supervisor.hpp"
#include "lines.hpp"

namespace ipclab::harness {
namespace {

using Clock = std::chrono::steady_clock;

/// "/ws/queue.cpp:41:12" or "/ws/queue.cpp:41" -> file and line.
bool parse_location(const std::string& text, Frame& frame) {
  static const std::regex kLocation(R"(^\s*(\S+?):(\d+)(?::\d+)?\s*$)");
  std::smatch match;
  if (!std::regex_match(text, match, kLocation)) return false;
  frame.file = match[1];
  frame.line = std::stoi(match[2]);
  return true;
}

std::optional<std::string> installed(const char* tool) {
  for (const char* dir : {"/usr/bin/", "/bin/", "/usr/local/bin/"}) {
    std::string path = std::string(dir) + tool;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return std::nullopt;
}

/// Runs `tool args` with a deadline; its stdout, or "" when it failed. Not
/// through exec::SystemProcessRunner: its orphan reaper would adopt and kill
/// the test's drivers.
std::string run_tool(const std::string& tool, std::vector<std::string> args,
                     std::chrono::milliseconds deadline) {
  exec::ProcessSpec spec;
  spec.executable = tool;
  spec.args = std::move(args);
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C"};
  exec::SpawnOptions options;
  options.pipe_stderr = false;
  try {
    exec::Child child = exec::spawn(spec, options);
    std::string out;
    exec::Supervisor supervisor(child);
    supervisor.collect(child.stdout_pipe(), out, {1u << 20});
    const auto end = Clock::now() + deadline;
    if (supervisor.wait(end) == exec::Wake::exited) {
      supervisor.drain(std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()));
      // eu-stack fails for a thread it cannot trace, yet shows the others.
      if (!child.stdout_pipe()) return out;
    }
    supervisor.stop(exec::terminate_then_kill(std::chrono::milliseconds(0)));
    return "";  // cut short: a partial stack would mislead
  } catch (const std::exception&) {
    return "";
  }
}

std::vector<ThreadStack> stacks_of(pid_t pid, std::chrono::milliseconds deadline) {
  if (auto eu_stack = installed("eu-stack")) {
    // -i: inlined frames too; without it a student function that inlines Boost's
    // wait shows the Boost header's line, and the verdict names the provided driver.
    return parse_eu_stack(run_tool(*eu_stack, {"-s", "-i", "-p", std::to_string(pid)}, deadline));
  }
  if (auto gdb = installed("gdb")) {
    return parse_gdb_backtrace(run_tool(*gdb,
                                        {"-nx", "-batch", "-p", std::to_string(pid), "-ex",
                                         "set pagination off", "-ex", "thread apply all bt"},
                                        deadline));
  }
  return {};
}

}  // namespace

std::vector<ThreadStack> parse_eu_stack(const std::string& text) {
  static const std::regex kThread(R"(^TID (\d+):)");
  static const std::regex kFrame(R"(^#\d+\s+0x[0-9a-f]+\s*(.*)$)");
  std::vector<ThreadStack> threads;
  for (const std::string& line : lines_of(text)) {
    std::smatch match;
    if (std::regex_search(line, match, kThread)) {
      threads.push_back({static_cast<pid_t>(std::stol(match[1])), {}});
    } else if (threads.empty()) {
      continue;
    } else if (std::regex_match(line, match, kFrame)) {
      threads.back().frames.push_back({match[1], "", 0});
    } else if (!threads.back().frames.empty() && threads.back().frames.back().file.empty()) {
      parse_location(line, threads.back().frames.back());
    }
  }
  return threads;
}

std::vector<ThreadStack> parse_gdb_backtrace(const std::string& text) {
  static const std::regex kThread(R"(^Thread \d+ \(.*LWP (\d+))");
  // "#5  0x000056 in waiter () at t.cpp:5" or "#4  ___pthread_cond_wait (cond=...) at f.c:618"
  static const std::regex kFrame(
      R"(^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(.*\)(?: at (\S+):(\d+)| from \S+)?$)");
  std::vector<ThreadStack> threads;
  for (const std::string& line : lines_of(text)) {
    std::smatch match;
    if (std::regex_search(line, match, kThread)) {
      threads.push_back({static_cast<pid_t>(std::stol(match[1])), {}});
    } else if (!threads.empty() && std::regex_search(line, match, kFrame)) {
      Frame frame{match[1], match[2], match[3].matched ? std::stoi(match[3]) : 0};
      if (frame.function == "??") frame.function.clear();
      threads.back().frames.push_back(frame);
    }
  }
  return threads;
}

std::map<pid_t, std::vector<ThreadStack>> take_backtraces(const std::vector<pid_t>& pids,
                                                          std::chrono::milliseconds budget) {
  // Several at a time, each within what is left of the one budget: gdb takes
  // a second or more per process on a busy machine, and one at a time the
  // drivers used the budget up before the children a verdict names.
  constexpr std::size_t kAtOnce = 6;
  std::map<pid_t, std::vector<ThreadStack>> stacks;
  const auto deadline = Clock::now() + budget;
  for (std::size_t first = 0; first < pids.size(); first += kAtOnce) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left < std::chrono::milliseconds(100)) break;
    std::vector<std::future<std::vector<ThreadStack>>> batch;
    for (std::size_t i = first; i < pids.size() && i < first + kAtOnce; ++i)
      batch.push_back(std::async(std::launch::async, stacks_of, pids[i], left));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      std::vector<ThreadStack> threads = batch[i].get();
      if (!threads.empty()) stacks[pids[first + i]] = std::move(threads);
    }
  }
  return stacks;
}

bool is_exercise_code(const std::string& file) {
  if (file.empty() || file[0] != '/') return false;  // glibc's own "./nptl/..." paths
  if (file.rfind("/usr/", 0) == 0) return false;     // C++ library, Boost
  return file.find("/exercises/common/") == std::string::npos;
}

std::string short_location(const Frame& frame) {
  std::filesystem::path path(frame.file);
  std::string shown = path.parent_path().filename().string();
  shown += shown.empty() ? "" : "/";
  return shown + path.filename().string() + ":" + std::to_string(frame.line);
}

}  // namespace ipclab::harness
