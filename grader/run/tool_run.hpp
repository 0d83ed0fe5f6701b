#pragma once
// The grader's own tools (git, tar, a harness listing its tests): trusted
// programs run to completion, whose failure is the grader's error, never a
// student's.

#include <chrono>
#include <string>

#include "exec/process_runner.hpp"

namespace grader {

/// Runs `spec` within `wall_time` (up to 64 MiB of output kept) and returns
/// its stdout. When it does not exit with 0, throws GraderError
/// "<failure>: <why>": the first line it wrote on stderr, or how it ended
/// (its exit code, a signal, the deadline).
std::string run_tool(ipclab::exec::ProcessRunner& runner, const ipclab::exec::ProcessSpec& spec,
                     std::chrono::milliseconds wall_time, const std::string& failure);

/// Why a tool's run failed, in a few words: the first line of its stderr,
/// else how it ended ("exit code 2", "killed by signal 9", ...).
std::string tool_failure_reason(const ipclab::exec::ProcessResult& result);

}  // namespace grader
