#pragma once
// When each test ran, as `grader check --timeline FILE` writes it
// (ipclab.timeline/1): for benchmarks of the pool.

#include <ostream>
#include <vector>

#include "run/pool.hpp"

namespace grader {

/// `timeline` (microseconds since the first test started, in plan order) as
/// JSON on `out`, with the number of `jobs` it ran with.
void write_timeline(const std::vector<RunSpan>& timeline, int jobs, std::ostream& out);

}  // namespace grader
