// The verdicts, tried in order: the first rule that sees its cause in the
// scene names it. A rule says only what the scene proves.
#include <sys/syscall.h>
#include <unistd.h>

#include <cmath>
#include <functional>

#include "harness/hang_verdict.hpp"
#include "harness/process_ending.hpp"
#include "harness/words.hpp"
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
    text += (text.empty() ? "" : "; ") + trf("{} {}", scene.label(p->pid), waits_on(scene, *p));
  }
  return text;
}

std::string busy_wait(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::spinning)) {
    return trf(
        "Diagnosis: busy-wait. {} used {} of a CPU{} while the test waited: it loops "
        "without ever blocking, so it burns the CPU instead of waiting. Wait on a condition "
        "variable (or a blocking call) instead of polling in a loop.",
        scene.label(p->pid), percent(scene.cpu(p->pid)), where_in(scene, p->pid));
  }
  return "";
}

std::string open_write_end(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::reading)) {
    const exec::OpenFile* file = scene.file(p->pid, p->syscall_args[0]);
    bool pipe = file->target.rfind("pipe:", 0) == 0;
    auto holders = other_end(scene, *file, pipe);
    if (!holders || holders->empty() || writer_may_come(scene, *holders)) continue;
    std::string text =
        (pipe ? tr("Diagnosis: blocked reading a pipe whose write end is still open. ")
              : tr("Diagnosis: blocked reading a socket whose other end is still open. ")) +
        trf("{} waits for data on fd {}{}, but nobody writes, and the other end is still open in "
            "{}, so end-of-file never comes.",
            scene.label(p->pid), file->fd, where_in(scene, p->pid),
            describe_holders(scene, *holders, p->pid));
    for (const exec::OpenFile& f : *holders) {
      if (f.pid == p->pid && scene.roots.count(p->pid) == 0)
        return text + tr(" It holds that end itself: after fork(), close the ends a process "
                         "does not use.");
    }
    return text;
  }
  return "";
}

std::string stopped(const Scene& scene) {
  for (const exec::ProcessInfo* p : with(scene, Activity::stopped)) {
    return trf(
        "Diagnosis: stopped. {} is stopped{} (by SIGSTOP, SIGTSTP or a debugger): it does "
        "nothing until it is continued. Do not stop processes of the test.",
        scene.label(p->pid), where_in(scene, p->pid));
  }
  return "";
}

bool anyone_in(const Scene& scene, const std::string& method) {
  for (const exec::ProcessInfo& p : scene.processes) {
    if (is_in(scene, p.pid, method)) return true;
  }
  return false;
}

/// Whether some process waits for `want` by its shared object.
bool anyone_wants(const Scene& scene, WaitFact::Want want) {
  for (const auto& [pid, fact] : scene.waits) {
    if (fact.want == want) return true;
  }
  return false;
}

/// Whether `p` waits in put() for room: by its queue when known (and only
/// when the queue is at capacity), else by its backtrace.
bool waits_for_room(const Scene& scene, const exec::ProcessInfo& p) {
  if (const WaitFact* fact = scene.wait_of(p.pid)) {
    return fact->want == WaitFact::Want::room && !fact->satisfied;
  }
  return scene.waits.empty() && is_in(scene, p.pid, "put");
}

std::string full_queue(const Scene& scene) {
  if (!with(scene, Activity::running).empty() || anyone_in(scene, "get") ||
      anyone_wants(scene, WaitFact::Want::item))
    return "";
  std::vector<const exec::ProcessInfo*> putters;
  for (const exec::ProcessInfo* p : with(scene, Activity::lock_wait)) {
    if (waits_for_room(scene, *p)) putters.push_back(p);
  }
  if (putters.empty()) return "";
  std::string text = trf(
      "Diagnosis: blocked on a full queue. {} -- waiting in put() for room in the queue, but no "
      "process takes items out: none is in get().",
      list_waits(scene, putters));
  std::vector<const exec::ProcessInfo*> joiners = with(scene, Activity::child_wait);
  if (!joiners.empty()) {
    text +=
        trf(" Meanwhile {}: each waits for the other, a deadlock. A producer can only finish once "
            "its items have left the queue: start the consumers before you join the producers.",
            list_waits(scene, joiners));
  }
  return text;
}

/// A process waits for a condition that holds already: an item is there, or
/// room, or the event is set. Only a lost notification keeps it waiting.
std::string lost_wake_up(const Scene& scene) {
  if (!with(scene, Activity::running).empty()) return "";
  for (const exec::ProcessInfo* p : with(scene, Activity::lock_wait)) {
    const WaitFact* fact = scene.wait_of(p->pid);
    if (fact == nullptr || !fact->satisfied || fact->want == WaitFact::Want::lock) continue;
    return trf(
        "Diagnosis: lost wake-up. {} {}. Yet {} holds {}: what it waits for is already "
        "there, and nobody woke it. A notification was skipped or went to another waiter: "
        "notifying only on some changes (such as only when the queue goes from empty to 1 "
        "item) loses the wake-ups of the other waiters. Notify on every change, with "
        "notify_all(), while holding the mutex.",
        scene.label(p->pid), waits_on(scene, *p), fact->object, fact->state);
  }
  return "";
}

/// Whether some process could still put an item: one that runs, waits for
/// room, or is in put() or produce() by its backtrace.
bool producer_alive(const Scene& scene) {
  if (!with(scene, Activity::running).empty() || anyone_wants(scene, WaitFact::Want::room))
    return true;
  return anyone_in(scene, "put") || anyone_in(scene, "produce");
}

/// A consumer the student's code started waits on an empty queue, and no
/// process of the test will put anything any more.
std::string missing_sentinel(const Scene& scene) {
  if (producer_alive(scene)) return "";
  for (const exec::ProcessInfo* p : with(scene, Activity::lock_wait)) {
    const WaitFact* fact = scene.wait_of(p->pid);
    if (fact == nullptr || fact->want != WaitFact::Want::item || fact->satisfied) continue;
    // A driver waiting in get() is the test's own call, and the test may put.
    if (scene.roots.count(p->pid) != 0) continue;
    return trf(
        "Diagnosis: missing sentinel. {} {}, which holds {}, and every producer has "
        "finished: no process of the test is running or in put(), so no item will come. A "
        "consumer stops only at a None of its own: once the producers have been joined, "
        "the parent must put one None per consumer into the work queue, before it waits "
        "for the results.",
        scene.label(p->pid), waits_on(scene, *p), fact->state);
  }
  return "";
}

/// A process of the test died (a signal, an uncaught exception, a failing
/// exit code) while the others wait: they wait for what it would have done.
std::string dead_process(const Scene& scene) {
  for (const auto& [pid, ending] : scene.endings) {
    if (ending == describe_ending(0)) continue;  // exited normally
    std::string text =
        trf("Diagnosis: a process of the test died. {} {}, and nobody has collected it with "
            "waitpid() yet.",
            scene.label(pid), ending);
    std::vector<const exec::ProcessInfo*> waiting = with(scene, Activity::lock_wait);
    for (const exec::ProcessInfo* p : with(scene, Activity::child_wait))
      waiting.push_back(p);
    if (!waiting.empty())
      text +=
          trf(" Meanwhile {}: for work the dead process never did.", list_waits(scene, waiting));
    return text;
  }
  return "";
}

/// Whether `p` sleeps in a wait with a deadline: by its stack
/// (pthread_cond_timedwait), or by the timeout argument of its futex call.
bool in_timed_wait(const Scene& scene, const exec::ProcessInfo& p) {
  for (const Frame& frame : scene.stack(p.pid, p.pid)) {
    if (frame.function.find("cond_timedwait") != std::string::npos) return true;
  }
  return p.syscall == SYS_futex && p.syscall_args.size() > 3 && p.syscall_args[3] != 0;
}

/// Nothing runs, only conditions are waited on, and a waiter has a deadline:
/// only that deadline can end its wait, and it lies beyond the time the test
/// gave the call.
std::string timed_wait_overran(const Scene& scene) {
  if (!with(scene, Activity::running).empty()) return "";
  const exec::ProcessInfo* timed = nullptr;
  for (const exec::ProcessInfo& p : scene.processes) {
    Activity a = activity_of(scene, p);
    if (a == Activity::reading || a == Activity::writing) return "";
    if (a != Activity::lock_wait) continue;
    if (!waits_on_condition(scene, p.pid)) return "";
    if (timed == nullptr && in_timed_wait(scene, p)) timed = &p;
  }
  if (timed == nullptr) return "";
  return trf(
      "Diagnosis: timed wait overran. {} {} with a deadline (a timed wait), and no process "
      "is doing anything that could notify it. Only its deadline can end the wait, and that "
      "deadline lies beyond the time the test gave the call. If the call has a timeout in "
      "milliseconds, check the unit it reaches timed_wait() in (milliseconds, not seconds "
      "as in Python) and that the deadline is computed once, from now.",
      scene.label(timed->pid), waits_on(scene, *timed));
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
    conditions_only =
        conditions_only && a == Activity::lock_wait && waits_on_condition(scene, p.pid);
  }
  if (blocked.empty() || with(scene, Activity::lock_wait).empty()) return "";
  if (conditions_only) {
    return trnf(
        "Diagnosis: lost wake-up. {}; no other process is doing anything that could "
        "notify it: the notification went to another waiter (notify_one()), came before "
        "the wait began, or was never sent. Notify with notify_all() while holding the "
        "mutex, and wait in a loop that checks the condition.",
        "Diagnosis: lost wake-up. {}; no other process is doing anything that could "
        "notify them: the notification went to another waiter (notify_one()), came "
        "before the wait began, or was never sent. Notify with notify_all() while holding "
        "the mutex, and wait in a loop that checks the condition.",
        blocked.size(), list_waits(scene, blocked));
  }
  if (blocked.size() == 1) {
    return trf(
        "Diagnosis: deadlock. {}, and no running process can release it: a process holding "
        "it is blocked or ended, or it was locked twice.",
        list_waits(scene, blocked));
  }
  return trf(
      "Diagnosis: deadlock. Every process of the test waits and none can wake the others: "
      "{}.",
      list_waits(scene, blocked));
}

}  // namespace

std::string hang_verdict(const Scene& scene) {
  for (const Rule& rule :
       {Rule(busy_wait), Rule(stopped), Rule(dead_process), Rule(lost_wake_up), Rule(full_queue),
        Rule(missing_sentinel), Rule(open_write_end), Rule(timed_wait_overran), Rule(stuck)}) {
    if (std::string verdict = rule(scene); !verdict.empty()) return verdict;
  }
  return "";
}

}  // namespace ipclab::harness
