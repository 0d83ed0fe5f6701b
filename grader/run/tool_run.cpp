#include "run/tool_run.hpp"

#include <fmt/format.h>

#include <utility>

#include "model/grader_error.hpp"

namespace grader {

std::string tool_failure_reason(const ipclab::exec::ProcessResult& result) {
  std::string line = result.err.substr(0, result.err.find('\n'));
  if (!line.empty()) return line;
  using ipclab::exec::Termination;
  switch (result.termination) {
    case Termination::exited:
      return fmt::format("exit code {}, nothing on stderr", result.status.exit_code);
    case Termination::signaled:
      return fmt::format("killed by signal {}", result.status.signal);
    case Termination::timed_out:
      return fmt::format("still running after {} s, stopped", result.wall_time.count() / 1000);
    case Termination::output_limit:
      return "wrote more output than the grader keeps, stopped";
  }
  return "no message";
}

std::string run_tool(ipclab::exec::ProcessRunner& runner, const ipclab::exec::ProcessSpec& spec,
                     std::chrono::milliseconds wall_time, const std::string& failure) {
  ipclab::exec::RunOptions options;
  options.wall_time = wall_time;
  options.output_cap_bytes = 64 << 20;
  options.snapshot_on_timeout = false;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  if (!result.succeeded()) throw GraderError(failure + ": " + tool_failure_reason(result));
  return std::move(result.out);
}

}  // namespace grader
