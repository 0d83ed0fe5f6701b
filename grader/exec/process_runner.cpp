#include "process_runner.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "supervisor.hpp"

namespace ipclab::exec {
namespace {

/// The processes that may be left of a child of ours: as a child subreaper
/// (the orphan reaper makes us one), every process it started stays below
/// us, whatever its parent did -- so our own tree, not every process of the
/// machine, is looked at.
std::vector<ProcessInfo> candidates() {
  int subreaper = 0;
  if (::prctl(PR_GET_CHILD_SUBREAPER, &subreaper) == 0 && subreaper != 0)
    return descendants_of(::getpid());
  return list_processes();
}

int count_leftovers(pid_t pgid) {
  int count = 0;
  for (const ProcessInfo& p : candidates()) {
    if ((p.pgid == pgid || p.sid == pgid) && p.state != 'Z' && p.pid != pgid) ++count;
  }
  return count;
}

/// stdout and stderr count as output; the channels are capped on their own.
void collect_streams(Supervisor& supervisor, Child& child, const RunOptions& options,
                     ProcessResult& result) {
  const Capture output{options.output_cap_bytes, false, true};
  supervisor.collect(child.stdout_pipe(), result.out, output);
  supervisor.collect(child.stderr_pipe(), result.err, output);
  for (int fd : options.capture_fds)
    supervisor.collect(child.channel(fd), result.channels[fd], {options.channel_cap_bytes});
}

Termination termination_of(Wake wake, const ExitStatus& status) {
  if (wake == Wake::output_limit) return Termination::output_limit;
  if (wake != Wake::exited) return Termination::timed_out;
  return status.exited ? Termination::exited : Termination::signaled;
}

}  // namespace

ProcessResult SystemProcessRunner::run(const ProcessSpec& spec, const RunOptions& options) {
  SpawnOptions spawn_options;
  spawn_options.pipe_stdin = !options.stdin_data.empty();
  spawn_options.capture_fds = options.capture_fds;
  const SteadyClock& clock = SteadyClock::system();
  const auto start = clock.now();
  Child child = spawn(spec, spawn_options);
  ProcessResult result;
  Supervisor supervisor(child, {&clock, {}, options.output_cap_bytes});
  collect_streams(supervisor, child, options, result);
  supervisor.feed(child.stdin_pipe(), options.stdin_data);
  const Wake wake = supervisor.wait(start + options.wall_time);
  if (wake == Wake::deadline && options.snapshot_on_timeout) {
    result.snapshot = snapshot_tree(child.pid());
  }
  supervisor.stop(terminate_then_kill(options.kill_grace));
  result.termination = termination_of(wake, *child.status());
  // Whatever is left of the process group is a leftover: killed here, and any
  // that escaped with setsid() is killed by the orphan reaper.
  result.leftover_processes = count_leftovers(child.pid());
  if (result.leftover_processes > 0) ::kill(-child.pid(), SIGKILL);
  supervisor.drain(std::chrono::milliseconds(200));
  result.status = *child.status();
  result.output_truncated = supervisor.truncated();
  result.wall_time = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
  return result;
}

}  // namespace ipclab::exec
