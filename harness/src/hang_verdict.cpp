#include "harness/hang_verdict.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <cmath>

#include "harness/driver.hpp"
#include "harness/fold.hpp"
#include "harness/words.hpp"
#include "pipe_wait.hpp"
#include "scene_words.hpp"

namespace ipclab::harness {
namespace {

bool is_read(long call) {
  return call == SYS_read || call == SYS_readv || call == SYS_recvfrom || call == SYS_recvmsg;
}

bool is_write(long call) {
  return call == SYS_write || call == SYS_writev || call == SYS_sendto || call == SYS_sendmsg;
}

bool is_sleep(long call) {
  return call == SYS_nanosleep || call == SYS_clock_nanosleep || call == SYS_pause ||
         call == SYS_rt_sigsuspend || call == SYS_select || call == SYS_pselect6 ||
         call == SYS_poll || call == SYS_ppoll;
}

/// The descriptor `process` is blocked on, when its call takes one first.
const exec::OpenFile* blocking_file(const Scene& scene, const exec::ProcessInfo& p) {
  if (p.syscall_args.empty()) return nullptr;
  return scene.file(p.pid, p.syscall_args[0]);
}

/// "ipclab::pc::Queue::put(long, bool)" -> "Queue::put()"
std::string short_function(const std::string& name) {
  if (name.rfind("_GLOBAL__sub_I", 0) == 0) return tr("a static initialiser");
  std::string text = name;
  for (std::size_t at; (at = text.find("(anonymous namespace)::")) != std::string::npos;)
    text.erase(at, 23);
  text.erase(std::min(text.find('('), text.size()));
  std::size_t last = text.rfind("::");
  if (last != std::string::npos && last > 0) {
    std::size_t before = text.rfind("::", last - 1);
    if (before != std::string::npos) text.erase(0, before + 2);
  }
  return text.empty() ? "?" : text + "()";
}

/// The last word of the frame's function: "put" for "Queue::put(long)".
std::string method_of(const Frame& frame) {
  std::string text = short_function(frame.function);
  if (text.size() < 2 || text.compare(text.size() - 2, 2, "()") != 0) return "";
  text.resize(text.size() - 2);
  std::size_t colon = text.rfind("::");
  return colon == std::string::npos ? text : text.substr(colon + 2);
}

}  // namespace

/// Whether a frame of the exercise's code on the main thread is `method`.
bool is_in(const Scene& scene, pid_t pid, const std::string& method) {
  for (const Frame& frame : scene.stack(pid, pid)) {
    std::string m = is_exercise_code(frame.file) ? method_of(frame) : "";
    if (m == method || m == method + "_nowait") return true;
  }
  return false;
}

/// " in put() at producer_consumer/queue.cpp:41", or "" without a backtrace.
std::string where_in(const Scene& scene, pid_t pid) {
  const Frame* frame = exercise_frame(scene, pid);
  if (frame == nullptr) return "";
  return trf(" in {} at {}", short_function(frame->function), short_location(*frame));
}

namespace {

/// What the main thread of `pid` waits on, by its backtrace.
enum class FutexKind { condition, mutex, unknown };

FutexKind futex_kind_of(const Scene& scene, pid_t pid) {
  for (const Frame& frame : scene.stack(pid, pid)) {
    const std::string& f = frame.function;
    if (f.find("cond_wait") != std::string::npos || f.find("cond_timedwait") != std::string::npos)
      return FutexKind::condition;
    if (f.find("mutex_lock") != std::string::npos || f.find("lll_lock") != std::string::npos)
      return FutexKind::mutex;
  }
  return FutexKind::unknown;
}

}  // namespace

std::string futex_kind(const Scene& scene, pid_t pid) {
  switch (futex_kind_of(scene, pid)) {
    case FutexKind::condition:
      return tr("a condition variable");
    case FutexKind::mutex:
      return tr("a mutex");
    case FutexKind::unknown:
      break;
  }
  return tr("a lock or a condition variable");
}

bool waits_on_condition(const Scene& scene, pid_t pid) {
  return futex_kind_of(scene, pid) == FutexKind::condition;
}

std::string activity_words(const exec::ProcessInfo& process) {
  exec::Activity activity = exec::activity_of(process);
  if (activity.detail.empty()) return tr(activity.state);
  return trf(activity.pattern, tr(activity.state), activity.detail);
}

/// "an item in queue 'q'", "room in queue 'q'", "the lock of queue 'q'"
std::string wanted(const WaitFact& fact) {
  switch (fact.want) {
    case WaitFact::Want::item:
      return trf("an item in {}", fact.object);
    case WaitFact::Want::room:
      return trf("room in {}", fact.object);
    case WaitFact::Want::lock:
      return trf("the lock of {}", fact.object);
    case WaitFact::Want::condition:
      break;
  }
  return fact.object;
}

/// "waits on a condition variable in put() at queue.cpp:41", or with the
/// queue it waits on: "waits in get() for an item in queue 'q' (at queue.cpp:60)"
std::string waits_on(const Scene& scene, const exec::ProcessInfo& p) {
  switch (activity_of(scene, p)) {
    case Activity::lock_wait:
      if (const WaitFact* fact = scene.wait_of(p.pid)) {
        return trf("waits in {} for {}", fact->call, wanted(*fact)) + where_in(scene, p.pid);
      }
      return trf("waits on {}", futex_kind(scene, p.pid)) + where_in(scene, p.pid);
    case Activity::child_wait:
      return tr("waits for a child process to exit") + where_in(scene, p.pid);
    case Activity::reading:
      return trf("waits to read fd {}", p.syscall_args[0]) + where_in(scene, p.pid);
    case Activity::writing:
      return trf("waits to write fd {}", p.syscall_args[0]) + where_in(scene, p.pid);
    default:
      return activity_words(p) + where_in(scene, p.pid);
  }
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

Activity activity_of(const Scene& scene, const exec::ProcessInfo& p) {
  if (p.state == 'Z' || p.state == 'X') return Activity::zombie;
  if (p.state == 'T' || p.state == 't') return Activity::stopped;
  // Runnable in most samples is the evidence; its CPU share only has to be non-trivial,
  // since on a busy machine a spinner gets a core's share divided by the load (2 of 24).
  if (scene.cpu(p.pid) >= kSpinningShare ||
      (scene.runnable(p.pid) >= 0.8 && scene.cpu(p.pid) >= 0.02))
    return Activity::spinning;
  if (p.state == 'R') return Activity::running;
  if (is_read(p.syscall) && !p.syscall_args.empty() && p.syscall_args[0] == kControlFd &&
      scene.roots.count(p.pid) != 0)
    return Activity::idle;
  if (p.syscall == SYS_futex) return Activity::lock_wait;
  if (p.syscall == SYS_wait4 || p.syscall == SYS_waitid) return Activity::child_wait;
  if (is_sleep(p.syscall)) return Activity::sleeping;
  const exec::OpenFile* file = blocking_file(scene, p);
  if (file != nullptr && is_read(p.syscall)) return Activity::reading;
  if (file != nullptr && is_write(p.syscall)) return Activity::writing;
  return Activity::other;
}

const Frame* exercise_frame(const Scene& scene, pid_t pid) {
  // The provided code (the driver, the given headers) is compiled from the
  // course's exercises/ folder; a student's files never are: the innermost
  // frame of theirs is where they can act, even below a provided lambda.
  const Frame* provided = nullptr;
  for (const Frame& frame : scene.stack(pid, pid)) {
    if (!is_exercise_code(frame.file) || frame.function.empty()) continue;
    if (frame.file.find("/exercises/") == std::string::npos) return &frame;
    if (provided == nullptr) provided = &frame;
  }
  return provided;
}

std::string explain_process(const Scene& scene, const exec::ProcessInfo& p) {
  switch (activity_of(scene, p)) {
    case Activity::zombie:
      if (auto it = scene.endings.find(p.pid); it != scene.endings.end()) {
        return trf("    It {}, and its parent has not collected it with waitpid().", it->second);
      }
      return tr("    It has exited, but its parent has not collected it with waitpid().");
    case Activity::idle:
      return tr("    It is idle, waiting for the test's next command.");
    case Activity::spinning:
      return trf("    It is busy: {} of a CPU{}, without ever waiting.", percent(scene.cpu(p.pid)),
                 where_in(scene, p.pid));
    case Activity::child_wait:
      return trf("    It waits for a child process to exit{}.", where_in(scene, p.pid));
    case Activity::lock_wait:
      if (const WaitFact* fact = scene.wait_of(p.pid)) {
        return trf("    It {}; {} holds {}.", waits_on(scene, p), fact->object, fact->state);
      }
      return trf("    It waits on {}{}.", futex_kind(scene, p.pid), where_in(scene, p.pid));
    case Activity::reading:
      return explain_read(scene, p, *blocking_file(scene, p));
    case Activity::writing:
      return explain_write(scene, p, *blocking_file(scene, p));
    default:
      if (std::string at = where_in(scene, p.pid); !at.empty()) return trf("    It is{}.", at);
      return "";
  }
}

std::string describe_scene(const Scene& scene) {
  std::string text;
  if (std::string verdict = hang_verdict(scene); !verdict.empty())
    text = fold_sentences(verdict) + "\n";
  text += tr("What each process was doing:");
  for (const exec::ProcessInfo& p : scene.processes) {
    text += "\n  - " + scene.label(p.pid) + ": " + activity_words(p);
    if (p.state != 'Z') text += trf(", {} CPU", percent(scene.cpu(p.pid)));
    if (std::string why = explain_process(scene, p); !why.empty()) text += "\n" + why;
  }
  return text;
}

}  // namespace ipclab::harness
