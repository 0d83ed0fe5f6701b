#pragma once
// Processes as the kernel shows them in /proc: who is whose child, what each
// is doing, and how to stop a whole tree of them.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace ipclab::exec {

/// What one process was doing when it was looked at.
struct ProcessInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgid = 0;
  pid_t sid = 0;
  std::string name;                ///< comm, as in ps
  char state = '?';                ///< R running, S sleeping, D disk wait, Z zombie, T stopped, ...
  std::string wchan;               ///< the kernel function it sleeps in, if any
  long syscall = -1;               ///< the system call it is blocked in; -1 when running or unknown
  std::vector<long> syscall_args;  ///< its first arguments (e.g. the fd of a read)
  unsigned long long cpu_ticks = 0;  ///< user + system time so far, in clock ticks
};

/// Every process on the system that this process may look at.
std::vector<ProcessInfo> list_processes();

/// The children of this process, zombies included, in no particular order:
/// read from each thread's /proc/self/task/<tid>/children (a child belongs
/// to the thread that forked it; an orphan is handed to one of ours) -- a
/// few small files instead of every process of the machine --, or, where the
/// kernel has no such files (CONFIG_PROC_CHILDREN), from list_processes().
std::vector<pid_t> own_children();

/// The processes below `root` (not `root` itself), parents before children.
/// `all` is a listing from list_processes().
std::vector<ProcessInfo> descendants(const std::vector<ProcessInfo>& all, pid_t root);

/// The same from the children files of `root` and of each process found
/// below it (a few files per process of the tree, not one per process of the
/// machine); from list_processes() where the kernel has no such files.
std::vector<ProcessInfo> descendants_of(pid_t root);

/// `root` (if it still exists) followed by its descendants, with wait channels
/// and blocking system calls filled in.
std::vector<ProcessInfo> snapshot_tree(pid_t root);

/// The name of a system call number ("read", "futex"...), or "syscall N".
std::string syscall_name(long number);

/// The state letter of /proc/<pid>/stat in English words ("sleeping"), marked for
/// translation: a caller that speaks the student's language shows tr() of it.
const char* state_name(char state);

/// What a process is doing, as words to put in a sentence: its state, and
/// the system call or wait channel it waits in. `state` and `pattern` are
/// English marked for translation: a caller that speaks the student's
/// language fills tr(pattern) with tr(state) and `detail`.
struct Activity {
  const char* state = "";    ///< state_name(): "sleeping"
  const char* pattern = "";  ///< "{} in {}()", "{} (wait channel {})", or "{}" (no detail)
  std::string detail;        ///< "read", a wait channel, or ""
};

/// The activity of `process` (describe_activity() in parts).
Activity activity_of(const ProcessInfo& process);

/// "sleeping in read()" -- one line for reports, in English (the grader and
/// the harness translate activity_of() instead).
std::string describe_activity(const ProcessInfo& process);

/// Sends `signal` to every descendant of `root` and to its process group.
/// Returns how many processes were signalled.
int signal_tree(pid_t root, int signal);

/// Stops every process of the tree below `root` (which is not touched):
/// freezes them with SIGSTOP so a fork loop cannot outrun us, then SIGKILLs
/// them, until none is left or `budget` is spent. Returns how many were killed.
int kill_descendants(pid_t root, std::chrono::milliseconds budget);

/// Signal names: "SIGSEGV"; "signal 77" for unknown numbers.
std::string signal_name(int signal);

}  // namespace ipclab::exec
