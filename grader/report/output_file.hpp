#pragma once
// A report written to the file a command-line option names.

#include <functional>
#include <ostream>
#include <string>

namespace grader {

/// Writes `file` with `write`. Throws GraderError naming the file when it
/// cannot be written.
void write_output_file(const std::string& file, const std::function<void(std::ostream&)>& write);

}  // namespace grader
