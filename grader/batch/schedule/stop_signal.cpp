#include "batch/schedule/stop_signal.hpp"

#include <signal.h>

namespace grader {
namespace {

std::atomic<bool> g_stop{false};
volatile sig_atomic_t g_signal = 0;

static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void on_signal(int signal) {
  if (g_stop.load()) {
    ::signal(signal, SIG_DFL);  // asked twice: stop now
    ::raise(signal);
    return;
  }
  g_signal = signal;
  g_stop.store(true);
}

}  // namespace

const std::atomic<bool>& install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking wait wakes up
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

int stop_signal() {
  return g_signal;
}

}  // namespace grader
