// The verdicts, tried in order: the first rule that sees its cause in the
// scene names it. A rule says only what the scene proves.
#include <unistd.h>

#include <cmath>
#include <functional>

#include "harness/hang_verdict.hpp"
#include "pipe_wait.hpp"
#include "scene_words.hpp"

namespace ipclab::harness {

namespace {

using Rule = std::function<std::string(const Scene&)>;

std::vector<const exec::ProcessInfo*> with(const Scene& scene, Activity activity) {
  std::vector<const exec::ProcessInfo*> found;
  for (const exec::ProcessInfo& p : scene.processes) {
    if (activity_of(scene, p) == activity) found.push_back(&p);
  }
  return found;
}

/// "A waits on ...; B waits for ..."
std::string list_waits(const Scene& scene, const std::vector<const exec::ProcessInfo*>& waiting) {
  std::string text;
  for (const exec::ProcessInfo* p : waiting) {
    text += (text.empty() ? "" : "; ") + scene.label(p->pid) + " " + waits_on(scene, *p);
  }
  return text;
}

std::string busy_wait(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::spinning)) {
    return "Diagnosis: busy-wait. " + scene.label(p->pid) + " used " + percent(scene.cpu(p->pid)) +
           " of a CPU" + where_in(scene, p->pid) +
           " while the test waited: it loops without ever blocking, so it burns the CPU instead of "
           "waiting. Wait on "
           "a condition variable (or a blocking call) instead of polling in a loop.";
  }
  return "";
}

std::string open_write_end(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::reading)) {
    const exec::OpenFile* file = scene.file(p->pid, p->syscall_args[0]);
    bool pipe = file->target.rfind("pipe:", 0) == 0;
    auto holders = other_end(scene, *file, pipe);
    if (!holders || holders->empty() || writer_may_come(scene, *holders)) continue;
    std::string text = "Diagnosis: blocked reading a " + std::string(pipe ? "pipe" : "socket") +
                       " whose " + (pipe ? "write end" : "other end") + " is still open. " +
                       scene.label(p->pid) + " waits for data on fd " + std::to_string(file->fd) +
                       where_in(scene, p->pid) +
                       ", but nobody writes, and the other end is still open in " +
                       describe_holders(scene, *holders, p->pid) + ", so end-of-file never comes.";
    for (const exec::OpenFile& f : *holders) {
      if (f.pid == p->pid && scene.roots.count(p->pid) == 0)
        return text +
               " It holds that end itself: after fork(), close the ends a process does "
               "not use.";
    }
    return text;
  }
  return "";
}

std::string stopped(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::stopped)) {
    return "Diagnosis: stopped. " + scene.label(p->pid) + " is stopped" + where_in(scene, p->pid) +
           " (by SIGSTOP, SIGTSTP or a debugger): it does nothing until it is continued. Do not "
           "stop processes of the test.";
  }
  return "";
}

bool anyone_in(const Scene& scene, const std::string& method) {
  for (const exec::ProcessInfo& p : scene.processes) {
    if (is_in(scene, p.pid, method)) return true;
  }
  return false;
}

std::string full_queue(const Scene& scene) {
  if (!with(scene, Activity::running).empty() || anyone_in(scene, "get")) return "";
  std::vector<const exec::ProcessInfo*> putters;
  for (const exec::ProcessInfo* p : with(scene, Activity::lock_wait)) {
    if (is_in(scene, p->pid, "put")) putters.push_back(p);
  }
  if (putters.empty()) return "";
  std::string text = "Diagnosis: blocked on a full queue. " + list_waits(scene, putters) +
                     " -- waiting in put() for room in the queue, but no process takes items "
                     "out: none is in get().";
  std::vector<const exec::ProcessInfo*> joiners = with(scene, Activity::child_wait);
  if (!joiners.empty()) {
    text += " Meanwhile " + list_waits(scene, joiners) +
            ": each waits for the other, a deadlock. Start the processes that take items out "
            "before waiting for the ones that put them in.";
  }
  return text;
}

/// Nothing runs, and some process of the test waits on something only another
/// process could give it.
std::string stuck(const Scene& scene) {
  if (!with(scene, Activity::running).empty()) return "";
  std::vector<const exec::ProcessInfo*> blocked;
  bool conditions_only = true;
  for (const exec::ProcessInfo& p : scene.processes) {
    Activity a = activity_of(scene, p);
    if (a != Activity::lock_wait && a != Activity::child_wait && a != Activity::reading &&
        a != Activity::writing)
      continue;
    blocked.push_back(&p);
    conditions_only = conditions_only && a == Activity::lock_wait &&
                      futex_kind(scene, p.pid) == "a condition variable";
  }
  if (blocked.empty() || with(scene, Activity::lock_wait).empty()) return "";
  if (conditions_only) {
    return "Diagnosis: lost wake-up. " + list_waits(scene, blocked) +
           "; no other process is doing anything that could notify " +
           (blocked.size() > 1 ? "them" : "it") +
           ": the notification went to another waiter (notify_one()), came before the wait "
           "began, or was never sent. Notify with notify_all() while holding the mutex, and "
           "wait in a loop that checks the condition.";
  }
  if (blocked.size() == 1) {
    return "Diagnosis: deadlock. " + list_waits(scene, blocked) +
           ", and no running process can release it: a process holding it is blocked or "
           "ended, or it was locked twice.";
  }
  return "Diagnosis: deadlock. Every process of the test waits and none can wake the others: " +
         list_waits(scene, blocked) + ".";
}

}  // namespace

std::string hang_verdict(const Scene& scene) {
  for (const Rule& rule :
       {Rule(busy_wait), Rule(stopped), Rule(open_write_end), Rule(full_queue), Rule(stuck)}) {
    if (std::string verdict = rule(scene); !verdict.empty()) return verdict;
  }
  return "";
}

}  // namespace ipclab::harness
