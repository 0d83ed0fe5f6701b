#pragma once
// Stopping a batch with Ctrl-C or `kill`: the first SIGINT or SIGTERM asks
// the batch to stop (nothing new starts, running gradings are stopped,
// finished results are kept); a second one ends the grader at once.

#include <atomic>

namespace grader {

/// Installs the handlers; returns the flag they set.
const std::atomic<bool>& install_stop_handlers();

/// The signal that asked to stop, 0 if none.
int stop_signal();

}  // namespace grader
