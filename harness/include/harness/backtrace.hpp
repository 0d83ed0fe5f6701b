#pragma once
// Backtraces of running processes, taken with eu-stack (elfutils) or gdb when
// one is installed: the frames that turn "it waits on a futex" into "it waits
// in put() at producer_consumer/queue.cpp:41".

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ipclab::harness {

/// One frame of a stack, innermost first.
struct Frame {
  std::string function;  ///< "Queue::put(long)"; "" when unknown
  std::string file;      ///< the source file as the debug info names it; "" when unknown
  int line = 0;
};

/// The stack of one thread.
struct ThreadStack {
  pid_t tid = 0;
  std::vector<Frame> frames;
};

/// Parses the output of `eu-stack -s -p PID` (frames on "#N  0xADDR name",
/// their source on the indented line after).
std::vector<ThreadStack> parse_eu_stack(const std::string& text);

/// Parses the output of `gdb -batch -ex "thread apply all bt"`.
std::vector<ThreadStack> parse_gdb_backtrace(const std::string& text);

/// The stacks of every thread of each process of `pids`, taken with eu-stack
/// (else gdb) within `budget` in total. Processes that cannot be traced, or
/// all of them when no tool is installed, are missing from the result. Never
/// throws.
std::map<pid_t, std::vector<ThreadStack>> take_backtraces(const std::vector<pid_t>& pids,
                                                          std::chrono::milliseconds budget);

/// Whether `file` is the exercise's own code (the student's files and the
/// provided driver), not the C library, the C++ library, Boost or the course's
/// support library.
bool is_exercise_code(const std::string& file);

/// "producer_consumer/queue.cpp:41": the file with its folder, as a student
/// knows it.
std::string short_location(const Frame& frame);

}  // namespace ipclab::harness
