#include "stuck.hpp"

#include <sys/syscall.h>

#include <algorithm>
#include <vector>

#include "harness/driver.hpp"
#include "queue_view.hpp"

namespace pc_harness {
namespace {

using ipclab::exec::ProcessInfo;

/// One process of the scene and what it waits on.
struct Actor {
  ProcessInfo info;
  std::string label;
  bool is_driver = false;
  QueueWait wait;
  pid_t waits_for_child = 0;  ///< in waitpid(): this child, -1 any child, 0 not waiting
};

std::vector<Actor> look() {
  std::vector<Actor> actors;
  for (const ipclab::harness::Driver* driver : ipclab::harness::running_drivers()) {
    for (const ProcessInfo& p : ipclab::exec::snapshot_tree(driver->pid())) {
      Actor actor{p, "", p.pid == driver->pid(), queue_wait(p), 0};
      actor.label = actor.is_driver
                        ? driver->label() + " (pid " + std::to_string(p.pid) + ")"
                        : "the child " + std::to_string(p.pid) + " of " + driver->label();
      bool in_wait = p.syscall == SYS_wait4 || p.syscall == SYS_waitid;
      if (in_wait && p.state != 'R' && !p.syscall_args.empty()) {
        long target = p.syscall == SYS_waitid ? p.syscall_args[1] : p.syscall_args[0];
        actor.waits_for_child = target > 0 && target < (1L << 30) ? static_cast<pid_t>(target) : -1;
      }
      actors.push_back(std::move(actor));
    }
  }
  return actors;
}

std::string activity(const Actor& a) {
  if (a.info.state == 'Z') return "has exited, but nobody has collected it with waitpid() yet";
  if (a.waits_for_child > 0) {
    return "waits in waitpid() for its child pid " + std::to_string(a.waits_for_child) + " to exit";
  }
  if (a.waits_for_child < 0) return "waits in waitpid() for one of its children to exit";
  if (a.wait.what != Waiting::nothing) return describe(a.wait);
  if (a.info.state == 'R') return "is running";
  std::string text = ipclab::exec::describe_activity(a.info);
  if (a.is_driver && a.info.syscall == SYS_read)
    text += " (idle: waiting for the test's next command)";
  return text;
}

bool someone_waits_on(const std::vector<Actor>& actors, Waiting what, const std::string& queue) {
  return std::any_of(actors.begin(), actors.end(),
                     [&](const Actor& a) { return a.wait.what == what && a.wait.queue == queue; });
}

/// The process in waitpid() for `child` (or for any child, when it is its parent).
const Actor* waiting_for(const std::vector<Actor>& actors, const Actor& child) {
  for (const Actor& a : actors) {
    if (a.waits_for_child == child.info.pid) return &a;
    if (a.waits_for_child < 0 && child.info.ppid == a.info.pid) return &a;
  }
  return nullptr;
}

/// A process that waits for `what` on a queue, preferring one whose parent
/// waits for it in waitpid() (the wait that blocks the test), then a child of
/// a driver (a producer or consumer the student's code started).
const Actor* pick_waiting(const std::vector<Actor>& actors, Waiting what) {
  const Actor* best = nullptr;
  int best_rank = -1;
  for (const Actor& a : actors) {
    if (a.wait.what != what) continue;
    int rank = waiting_for(actors, a) != nullptr ? 2 : a.is_driver ? 0 : 1;
    if (rank > best_rank) {
      best = &a;
      best_rank = rank;
    }
  }
  return best;
}

std::string room_deadlock(const std::vector<Actor>& actors, const Actor& producer) {
  std::string text = "\nDeadlock: " + producer.label + " waits for room in the full queue '" +
                     producer.wait.queue + "', and no process takes items out of it.";
  const Actor* parent = waiting_for(actors, producer);
  if (parent == nullptr) return text;
  return text + " Meanwhile " + parent->label +
         " waits in waitpid() for it to exit.\nA producer can only finish once its items have "
         "left the queue, so the consumers must be running while the parent joins the "
         "producers: start the consumers before you join the producers, and put the sentinels "
         "only after joining them (Python's docs call this \"joining processes that use "
         "queues\").";
}

std::string item_deadlock(const std::vector<Actor>& actors, const Actor& consumer) {
  int waiting = 0;
  for (const Actor& a : actors)
    waiting += a.wait.what == Waiting::for_item ? 1 : 0;
  std::string text = "\nDeadlock: " + std::to_string(waiting) +
                     (waiting == 1 ? " process waits" : " processes wait") +
                     " for an item that no process will ever put (" + consumer.label +
                     " in queue '" + consumer.wait.queue + "').";
  if (consumer.is_driver) return text;  // the test itself puts the sentinels
  if (const Actor* parent = waiting_for(actors, consumer)) {
    text += " Meanwhile " + parent->label + " waits in waitpid() for it to exit.";
  }
  return text +
         "\nA consumer stops only at a None of its own: once the producers have been joined, "
         "the parent must put one None per consumer into the work queue, before it waits for "
         "the results.";
}

/// True if the scene is about processes waiting on each other: a child of a
/// driver (a pipeline), or several drivers waiting on queues. A lone driver
/// waiting on a queue is explained by the test's own expectation.
bool several_parties(const std::vector<Actor>& actors) {
  int waiting_drivers = 0;
  for (const Actor& a : actors) {
    if (!a.is_driver) return true;
    waiting_drivers += a.wait.what != Waiting::nothing ? 1 : 0;
  }
  return waiting_drivers >= 2;
}

/// The known deadlock the scene shows, or "".
std::string conclusion(const std::vector<Actor>& actors) {
  bool running =
      std::any_of(actors.begin(), actors.end(), [](const Actor& a) { return a.info.state == 'R'; });
  if (running || !several_parties(actors)) return "";
  const Actor* producer = pick_waiting(actors, Waiting::for_room);
  if (producer != nullptr && !someone_waits_on(actors, Waiting::for_item, producer->wait.queue)) {
    return room_deadlock(actors, *producer);
  }
  const Actor* consumer = pick_waiting(actors, Waiting::for_item);
  if (consumer != nullptr && producer == nullptr) return item_deadlock(actors, *consumer);
  return "";
}

}  // namespace

std::string explain_stuck_processes() {
  std::vector<Actor> actors = look();
  std::string text = "What each process was doing:";
  for (const Actor& a : actors) {
    text += "\n  - " + a.label + ": " + activity(a);
  }
  return text + conclusion(actors);
}

}  // namespace pc_harness
