#pragma once
// Turning what a harness process did into a trial outcome. The verdict comes
// from the harness's result channel only; what the process tree printed or how
// it ended explains the outcomes without a verdict (timeouts, crashes).

#include <string>
#include <vector>

#include "exec/process_runner.hpp"
#include "exec/result_record.hpp"
#include "model/course.hpp"
#include "model/results.hpp"

namespace grader {

/// One line of the result channel (defined with the harness's side).
using HarnessRecord = ipclab::exec::ResultRecord;

/// Parses the channel's JSON lines; a malformed line is skipped and counted.
std::vector<HarnessRecord> parse_records(const std::string& channel, int* malformed = nullptr);

/// The outcome of one trial of `gtest_name`, from the harness process result.
/// A test the harness skipped (it needs something the machine lacks) is
/// `not_run`, with the harness's reason: it earns no points.
TrialResult interpret_trial(const ipclab::exec::ProcessResult& process,
                            const std::string& gtest_name, const Limits& limits);

}  // namespace grader
