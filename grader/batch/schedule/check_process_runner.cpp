#include "batch/schedule/check_process_runner.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "batch/store/atomic_file.hpp"
#include "exec/child.hpp"
#include "exec/ipc_sweep.hpp"
#include "exec/supervisor.hpp"
#include "i18n/messages.hpp"
#include "model/exit_code.hpp"
#include "model/grader_error.hpp"
#include "report/json_reporter.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

namespace fs = std::filesystem;

/// The last line of the child's stderr that says what went wrong.
std::string last_error_line(const std::string& err) {
  std::string last;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
    start = end + 1;
  }
  const std::string prefix = "grader: error: ";
  if (last.rfind(prefix, 0) == 0) last.erase(0, prefix.size());
  return last.substr(0, 300);
}

namespace exec = ipclab::exec;

/// Stops the child's tree, and removes the IPC objects its tests left: a
/// grader stopped mid-test cannot sweep them itself. The names start with
/// "ipclab_g<pid>_" (GradingSession's run id, then the test's sequence).
void stop_child(exec::Supervisor& supervisor, pid_t pid) {
  supervisor.stop(exec::terminate_then_kill(std::chrono::milliseconds(2000)));
  exec::sweep_ipc(fmt::format("ipclab_g{}_", pid));
}

/// Waits for the child grader to end, keeping the tail of its stderr in
/// `err`. Stops it and throws GradingInterrupted when `stop` is set, and
/// GraderError when it runs past `allowed`.
exec::ExitStatus supervise(exec::Child& child, std::chrono::milliseconds allowed,
                           const std::atomic<bool>& stop, std::string& err) {
  exec::Supervisor supervisor(child, {&exec::SteadyClock::system(), exec::CancelToken(stop)});
  supervisor.collect(child.stderr_pipe(), err, {16384, true});
  const exec::Wake wake = supervisor.wait(supervisor.clock().now() + allowed);
  if (wake == exec::Wake::cancelled) {
    stop_child(supervisor, child.pid());
    throw GradingInterrupted("stopped");
  }
  if (wake != exec::Wake::exited) {
    stop_child(supervisor, child.pid());
    throw GraderError(fmt::format(fmt::runtime(tr("grading took longer than {} s and was stopped")),
                                  allowed.count() / 1000));
  }
  // A leftover descendant may hold stderr open: read what is there, briefly.
  supervisor.drain(std::chrono::milliseconds(500));
  return *child.status();
}

}  // namespace

CheckProcessRunner::CheckProcessRunner(const Course& course, CheckInvocation invocation,
                                       std::function<fs::path(const std::string&)> staged_dir,
                                       const std::atomic<bool>& stop)
    : course_(course),
      invocation_(std::move(invocation)),
      staged_dir_(std::move(staged_dir)),
      stop_(stop) {}

std::vector<std::string> CheckProcessRunner::arguments(const std::string& student,
                                                       const GradingPhase& phase,
                                                       const fs::path& json_file) const {
  std::vector<std::string> args = {"--course", invocation_.course_dir.string(), "--work-dir",
                                   invocation_.work_dir.string()};
  if (invocation_.allow_advisory) args.push_back("--allow-advisory");
  args.push_back("--sandbox");
  args.push_back(invocation_.sandbox);
  if (!invocation_.lang.empty()) {
    args.push_back("--lang");
    args.push_back(invocation_.lang);
  }
  args.push_back("check");
  if (!invocation_.compiler_cache.empty()) {
    args.push_back("--compiler-cache");
    args.push_back(invocation_.compiler_cache.string());
  }
  // Exercises first: CLI11 lets a repeatable option swallow the words after it.
  for (const std::string& id : phase.selection.exercise_ids)
    args.push_back(id);
  for (std::string word :
       {std::string("--submission"), staged_dir_(student).string(), std::string("--json"),
        json_file.string(), std::string("--color"), std::string("never")}) {
    args.push_back(std::move(word));
  }
  if (phase.selection.include_hidden) args.push_back("--hidden");
  for (const std::string& pattern : phase.selection.test_patterns)
    args.push_back("--test=" + pattern);
  return args;
}

std::chrono::milliseconds CheckProcessRunner::deadline(const GradingPhase& phase) const {
  std::chrono::milliseconds total = invocation_.build_allowance;
  for (const ExerciseSpec& exercise : course_.exercises) {
    for (const TestSpec& test : exercise.tests) {
      if (selected(phase.selection, exercise, test)) total += test.limits.timeout * test.trials;
    }
  }
  return total;
}

GradeReport CheckProcessRunner::run(const std::string& student, const GradingPhase& phase) {
  fs::path json_file = invocation_.work_dir / "batch" / "reports" /
                       (student + (phase.exclusive ? ".exclusive.json" : ".shared.json"));
  std::error_code ec;
  fs::create_directories(json_file.parent_path(), ec);
  fs::remove(json_file, ec);
  ipclab::exec::ProcessSpec spec;
  spec.executable = invocation_.grader;
  spec.args = arguments(student, phase, json_file);
  spec.env = invocation_.environment;
  ipclab::exec::SpawnOptions streams;
  streams.pipe_stdout = false;  // the console report: the JSON says it all
  ipclab::exec::Child child = ipclab::exec::spawn(spec, streams);
  std::string err;
  const ipclab::exec::ExitStatus status = supervise(child, deadline(phase), stop_, err);
  std::optional<std::string> json = read_file_if_present(json_file);
  // Exit codes 0, 1 and 3 come with a report (3: some test unresolved); 2
  // and 4 (could not grade) do not, whatever file is left.
  const int code = status.exit_code;
  const bool graded = code == kAllPassed || code == kNotAllPassed || code == kUnresolved;
  if (!json || !status.exited || !graded) {
    std::string why = last_error_line(err);
    throw GraderError(fmt::format(fmt::runtime(tr("grader check failed ({}){}")),
                                  ipclab::exec::describe(status), why.empty() ? "" : ": " + why));
  }
  GradeReport report = grade_report_from_json(nlohmann::json::parse(*json));
  report.submission = student;
  return report;
}

}  // namespace grader
