#include "fixture.hpp"

#include <sys/mman.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "exec/process_tree.hpp"
#include "harness/diagnosis.hpp"
#include "harness/outcome.hpp"
#include "ipclab/names.hpp"

namespace lsc_harness {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

RegionName::RegionName(const std::string& stem) : name_(ipclab::unique_name(stem)) {}

RegionName::~RegionName() {
  ::shm_unlink(("/" + name_).c_str());
}

namespace {

std::string seconds(std::chrono::milliseconds duration) {
  return std::to_string(duration.count() / 1000.0).substr(0, 4) + " s";
}

/// One line per watched object whose lock is held.
std::string lock_report(const Watch& watch) {
  std::optional<RegionView> view = RegionView::open(watch.region);
  if (!view) return "";
  std::string text;
  for (const std::string& name : watch.objects) {
    const Mutex* mutex = nullptr;
    if (const ValueCell* value = view->value(name)) mutex = &value->lock;
    if (const ArrayCell* array = view->array(name)) mutex = &array->lock;
    if (mutex == nullptr) continue;
    if (pid_t owner = lock_owner(*mutex); owner != 0) {
      // TRANSLATORS: an object's name | "your driver (pid 12)", "a child of your driver (pid 14)"
      text += "\n" + trf("The lock of '{}' is held by {}.", name, who(owner));
    }
  }
  return text;
}

/// `call` ("`increment r v 5` on your driver") did not return in time.
[[noreturn]] void hung(const std::string& call, std::chrono::milliseconds timeout,
                       const Watch& watch) {
  std::vector<ipclab::harness::LabelledRoot> roots;
  for (const Driver* d : ipclab::harness::running_drivers())
    roots.push_back({d->pid(), d->label()});
  // TRANSLATORS: `increment r v 5` on your driver | 10.0 s
  abort_test(Outcome::timed_out, trf("{} did not return within {}.", call, seconds(timeout)) +
                                     lock_report(watch) + "\n" +
                                     ipclab::harness::diagnose_hang(roots));
}

/// "`increment r v 5` on your driver"
std::string on(const std::string& request, const Driver& driver) {
  // TRANSLATORS: a driver request | "your driver", "the reference driver"
  return trf("`{}` on {}", request, driver.label());
}

std::string prefix_of(const Driver& driver) {
  const char* prefix = std::getenv("IPCLAB_PREFIX");
  if (prefix != nullptr && *prefix != '\0') return prefix;
  return "ipclab_" + std::to_string(driver.pid()) + "_";  // see exercises/common/names.cpp
}

}  // namespace

std::string join(std::initializer_list<std::string> words) {
  std::string line;
  for (const std::string& word : words)
    line += (line.empty() ? "" : " ") + word;
  return line;
}

Reply call_or_explain(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                      const Watch& watch) {
  driver.post(request);
  if (std::optional<Reply> reply = driver.poll_reply(timeout)) return *reply;
  hung(on(request, driver), timeout, watch);
}

Reply await_or_explain(Driver& driver, const std::string& request,
                       std::chrono::milliseconds timeout, const Watch& watch) {
  if (std::optional<Reply> reply = driver.poll_reply(timeout)) return *reply;
  hung(on(request, driver), timeout, watch);
}

std::vector<Reply> run_together(const std::vector<Driver*>& drivers, const std::string& request,
                                std::chrono::milliseconds timeout, const Watch& watch) {
  // Every driver maps the region first, so that none of them is still busy
  // starting up while the others already work: they must overlap.
  for (Driver* driver : drivers)
    driver->ok("open " + watch.region);
  for (Driver* driver : drivers)
    driver->post(request);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<Reply> replies;
  for (Driver* driver : drivers) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    std::optional<Reply> reply = driver->poll_reply(std::max(left, 0ms));
    if (!reply) hung(on(request, *driver), timeout, watch);
    replies.push_back(*reply);
  }
  return replies;
}

std::string who(pid_t pid) {
  for (const Driver* d : ipclab::harness::running_drivers()) {
    if (d->pid() == pid) return d->label() + " (pid " + std::to_string(pid) + ")";
    for (const auto& child : ipclab::exec::descendants(ipclab::exec::list_processes(), d->pid())) {
      if (child.pid == pid) return trf("a child of {} (pid {})", d->label(), pid);
    }
  }
  return trf("process {}, which is no longer running", pid);
}

std::int64_t value_of(const std::string& region, const std::string& name,
                      const std::string& context) {
  std::optional<RegionView> view = RegionView::open(region);
  if (!view) {
    // TRANSLATORS: when it was read, as "after increment(v, 1000)" | the region's name
    abort_test(Outcome::failed, trf("{}: the region '{}' does not exist", context, region));
  }
  const ValueCell* cell = view->value(name);
  if (cell == nullptr) {
    abort_test(Outcome::failed, trf("{}: the region has no Value named '{}'", context, name));
  }
  return read_number(cell->value);
}

std::vector<std::int64_t> items_of(const std::string& region, const std::string& name,
                                   const std::string& context) {
  std::optional<RegionView> view = RegionView::open(region);
  if (!view)
    abort_test(Outcome::failed, trf("{}: the region '{}' does not exist", context, region));
  const ArrayCell* cell = view->array(name);
  if (cell == nullptr) {
    abort_test(Outcome::failed, trf("{}: the region has no Array named '{}'", context, name));
  }
  if (!view->items_inside(*cell)) {
    abort_test(Outcome::failed,
               trf("{}: the items of Array '{}' are not inside the region: allocate them with "
                   "region.memory().allocate()",
                   context, name));
  }
  return view->items(*cell);
}

pid_t owner_of(const std::string& region, const std::string& name) {
  std::optional<RegionView> view = RegionView::open(region);
  if (!view) return 0;
  if (const ValueCell* value = view->value(name)) return lock_owner(value->lock);
  if (const ArrayCell* array = view->array(name)) return lock_owner(array->lock);
  return 0;
}

std::string outcome(const Reply& reply) {
  if (reply.ok && reply.words.empty()) return tr("returned");
  // TRANSLATORS: what a call did, completing "increment(v, 5) {}": "returned 7".
  if (reply.ok) return trf("returned {}", reply.words[0]);
  // TRANSLATORS: an exception and its message: "threw LockError (the owner died)".
  return trf("threw {} ({})", reply.kind, reply.message);
}

std::string did(const std::string& call, const Reply& reply) {
  if (reply.ok && reply.words.empty()) return trf("{} returned", call);
  // TRANSLATORS: a call and the first word of its result: "run_increments(4, 1000) returned 7".
  if (reply.ok) return trf("{} returned {}", call, reply.words[0]);
  // TRANSLATORS: a call, an exception and its message: "prefix_sum(a) threw LockError (...)".
  return trf("{} threw {} ({})", call, reply.kind, reply.message);
}

std::optional<Reply> reply_unless_waiting(Driver& driver, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::optional<Reply> reply = driver.poll_reply(20ms)) return reply;
    std::vector<ipclab::exec::ProcessInfo> tree = ipclab::exec::snapshot_tree(driver.pid());
    if (!tree.empty() && tree.front().pid == driver.pid() && tree.front().syscall == SYS_futex) {
      return driver.poll_reply(0ms);  // asleep on the lock (unless it answered meanwhile)
    }
  }
  return driver.poll_reply(0ms);
}

std::string show(const std::vector<std::int64_t>& numbers) {
  constexpr std::size_t kShown = 12;
  std::string text = "[";
  for (std::size_t i = 0; i < numbers.size() && i < kShown; ++i)
    text += (i > 0 ? ", " : "") + std::to_string(numbers[i]);
  if (numbers.size() > kShown) text += trf(", ... ({} items)", numbers.size());
  return text + "]";
}

std::string stray_child_note(const Driver& driver) {
  std::this_thread::sleep_for(100ms);  // let the child's last words reach the collector
  if (driver.output().find("instead of calling _exit()") == std::string::npos) return "";
  return tr(
      ". A child process returned instead of calling _exit(), so it went on running its parent's "
      "code: end every forked child with _exit()");
}

void expect_children_gone(const Driver& driver, const std::string& call) {
  std::vector<ipclab::exec::ProcessInfo> children;
  for (int wait = 0; wait < 40; ++wait) {
    children = ipclab::exec::descendants(ipclab::exec::list_processes(), driver.pid());
    if (children.empty()) break;
    std::this_thread::sleep_for(50ms);
  }
  for (const auto& child : children) {
    ADD_FAILURE() << (child.state == 'Z'
                          ? trf("2 s after {} returned, its child process (pid {}) is still a "
                                "zombie: waitpid() every child you fork",
                                call, child.pid)
                          : trf("2 s after {} returned, its child process (pid {}) is still "
                                "running: every child must end with _exit()",
                                call, child.pid));
  }
  if (driver.output().find("instead of calling _exit()") != std::string::npos) {
    ADD_FAILURE() << trf("a child process of {} returned into the driver instead of ending "
                         "with _exit(): a forked child must call _exit() when its work is "
                         "done, never return",
                         call)
                  << driver.printed();
  }
}

void expect_no_segments(const Driver& driver, const std::string& call,
                        const std::vector<std::string>& known) {
  for (const std::string& name : segments_with_prefix(prefix_of(driver))) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    ADD_FAILURE() << trf(
        "after {} returned, its shared-memory segment '{}' is still in "
        "/dev/shm: Region::remove() the region once every worker is joined "
        "(also when a worker failed)",
        call, name);
    ::shm_unlink(("/" + name).c_str());
  }
}

}  // namespace lsc_harness
