#pragma once
// The result channel between a harness and the grader, defined once for both
// sides. The harness -- the only process that decides a verdict, and one that
// never runs student code -- writes one JSON line per test on the descriptor
// named by $IPCLAB_RESULT_FD; the grader reads them. Student processes never
// inherit that descriptor (close-on-exec) and cannot open it (the harness is
// not dumpable), so what they print is never a verdict.

#include <optional>
#include <string>

namespace ipclab::exec {

/// The descriptor the grader maps the channel to in the harness.
inline constexpr int kResultFd = 3;
/// The environment variable that tells the harness that descriptor.
inline constexpr const char* kResultFdVariable = "IPCLAB_RESULT_FD";

/// The verdict of one test, as one line of the channel.
struct ResultRecord {
  std::string test;  ///< "<exercise>.<test>"
  std::string outcome;
  std::string message;
  long long duration_ms = 0;
};

/// The record as one line of JSON, '\n' included; invalid UTF-8 is replaced.
std::string to_line(const ResultRecord& record);

/// Writes the record's line to `fd` whole (a write cut by a signal goes on);
/// a channel the grader closed ends it quietly: nobody is left to read it.
void write_record(int fd, const ResultRecord& record);

/// The record a line holds; nullopt for anything else (never throws).
std::optional<ResultRecord> parse_line(const std::string& line);

}  // namespace ipclab::exec
