#pragma once
// The facts behind a hang diagnosis: every process of the test as /proc shows
// it (state, blocking call, CPU use over a short interval), what each holds
// open, and the stacks of their threads. Gathered once, live, by look();
// everything that turns it into words is a pure function of the Scene (see
// hang_verdict.hpp), so it is tested on recorded scenes.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "exec/fd_table.hpp"
#include "exec/process_tree.hpp"
#include "harness/backtrace.hpp"

namespace ipclab::harness {

/// A process tree to describe, with the words that name its root.
struct LabelledRoot {
  pid_t pid;
  std::string label;  ///< "your driver"
};

/// What a blocked process waits for, as the shared object it waits on shows
/// it (read by an exercise's evidence source, see add_evidence_source()).
struct WaitFact {
  enum class Want { item, room, condition, lock };
  Want want = Want::condition;
  std::string call;    ///< the operation it waits in: "get()", "put()", "wait()"
  std::string object;  ///< "queue 'ipclab_1_q'", "event 'e'"
  std::string state;   ///< what the object holds now: "1 of 2 items", "set"
  /// The condition it waits for holds already (an item is there, there is
  /// room, the event is set): nothing but a lost notification keeps it waiting.
  bool satisfied = false;
};

struct Scene {
  std::vector<exec::ProcessInfo> processes;  ///< the trees, roots first, with blocking calls
  std::map<pid_t, std::string> labels;       ///< every process of the scene, harness included
  std::map<pid_t, std::vector<exec::OpenFile>> files;
  std::set<pid_t> roots;  ///< the drivers themselves (their fd 3 is the control channel)
  /// Share of one CPU each process used while it was watched (0..n threads).
  std::map<pid_t, double> cpu_share;
  /// Share of the samples taken meanwhile in which each process was runnable
  /// (state R): on a busy machine a spinning process waits for a CPU, yet
  /// stays runnable.
  std::map<pid_t, double> runnable_share;
  /// The stacks of each process's threads, when a backtrace tool is installed.
  std::map<pid_t, std::vector<ThreadStack>> stacks;
  /// Socket inode -> the inode of its peer (UNIX sockets).
  std::map<unsigned long, unsigned long> socket_peers;
  /// What blocked processes wait for, by the shared objects (when known).
  std::map<pid_t, WaitFact> waits;
  /// How each process that has exited but is not reaped yet ended:
  /// "was killed by SIGABRT (an uncaught exception or abort())", "exited with code 3".
  std::map<pid_t, std::string> endings;

  std::string label(pid_t pid) const;
  const exec::ProcessInfo* process(pid_t pid) const;
  const exec::OpenFile* file(pid_t pid, long fd) const;
  double cpu(pid_t pid) const;
  double runnable(pid_t pid) const;
  /// The stack of the thread `tid` (the process itself when tid == pid); empty if unknown.
  const std::vector<Frame>& stack(pid_t pid, pid_t tid) const;
  /// What `pid` waits for, by its shared object; nullptr when unknown.
  const WaitFact* wait_of(pid_t pid) const;
};

/// Fills Scene::waits from the shared objects of one exercise (its queues,
/// its events): called by look() once the processes are known.
using EvidenceSource = std::function<void(Scene&)>;

/// Adds `source` for every later look() of this program (a harness registers
/// its exercise's source once, at start-up).
void add_evidence_source(EvidenceSource source);

/// How long look() watches CPU use, and how long backtraces may take in total.
struct LookOptions {
  std::chrono::milliseconds cpu_interval{600};
  std::chrono::milliseconds backtrace_budget{3000};
};

/// When look() must be done by: its backtraces get only the time left (the
/// whole test's deadline; none by default).
void set_look_deadline(std::chrono::steady_clock::time_point deadline);

/// True while some thread is in look() (a command's hang diagnosis, when the
/// whole test's deadline comes).
bool look_in_progress();

/// The scene of the trees below `roots`, as it is now. One at a time: a
/// second call waits for the first.
Scene look(const std::vector<LabelledRoot>& roots, const LookOptions& options = {});

}  // namespace ipclab::harness
