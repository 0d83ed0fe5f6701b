#include "lab.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <boost/interprocess/shared_memory_object.hpp>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "exec/process_tree.hpp"
#include "harness/outcome.hpp"
#include "ipclab/names.hpp"

namespace eb_harness {

std::string who(const Driver& driver) {
  // TRANSLATORS: a process in the messages of the event_barrier tests: the
  // subject of a sentence, or after "in" ("en tu proceso").
  return driver.build() == Build::student ? tr("your process") : tr("the reference process");
}

Lab::Lab() : segment_(ipclab::unique_name("lab")) {}

Lab::~Lab() {
  boost::interprocess::shared_memory_object::remove(segment_.c_str());
}

Driver& Lab::add(Build build, const std::vector<ipclab::exec::FdMapping>& fds) {
  const bool first = drivers_.empty();
  Driver& driver = drivers_.emplace_back(Driver::start(build, fds));
  driver.ok((first ? "create " : "open ") + segment_);
  for (const std::string& command : declarations_)
    driver.ok(command);
  return driver;
}

void Lab::declare(const std::string& command) {
  declarations_.push_back(command);
  for (Driver& driver : drivers_)
    driver.ok(command);
}

void Lab::event(const std::string& name) {
  declare("event " + name);
}

void Lab::barrier(const std::string& name, int parties, const std::string& timeout) {
  declare("barrier " + name + " " + std::to_string(parties) + " " + timeout);
}

long long since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

Timed timed_call(Driver& driver, const std::string& request, std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  Reply reply = driver.call(request, timeout);
  return {reply, since(start)};
}

std::optional<Reply> wait_until_blocked(Driver& driver, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    std::vector<ipclab::exec::ProcessInfo> tree = ipclab::exec::snapshot_tree(driver.pid());
    if (!tree.empty() && tree.front().syscall == SYS_futex) {
      // Give it a moment more: a mutex lock may still be on its way to the condition.
      return driver.poll_reply(30ms);
    }
    if (std::optional<Reply> reply = driver.poll_reply(5ms)) return reply;
  }
  return std::nullopt;
}

void fail(const std::string& message) {
  ipclab::harness::abort_test(ipclab::harness::Outcome::failed, message);
}

std::string outcome(const Reply& reply) {
  if (reply.ok) {
    std::string words;
    for (const std::string& word : reply.words)
      words += (words.empty() ? "" : " ") + word;
    // TRANSLATORS: what a call did, after "it": "it returned 1".
    return words.empty() ? tr("returned") : trf("returned {}", words);
  }
  // TRANSLATORS: what a call did, after "it": "it threw BrokenBarrierError: the barrier is broken".
  return trf("threw {}: {}", reply.kind, reply.message);
}

namespace {

/// The prefix the driver's ipclab::unique_name() uses.
std::string driver_prefix(const Driver& driver) {
  const char* prefix = std::getenv("IPCLAB_PREFIX");
  if (prefix != nullptr && *prefix != '\0') return prefix;
  return "ipclab_" + std::to_string(driver.pid()) + "_";
}

}  // namespace

std::vector<std::string> shm_leftovers(const Driver& driver, const std::string& except) {
  const std::string prefix = driver_prefix(driver);
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/shm", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name != except) found.push_back(name);
  }
  return found;
}

std::vector<std::string> lingering_children(const Driver& driver, std::chrono::milliseconds grace) {
  const auto deadline = Clock::now() + grace;
  std::vector<ipclab::exec::ProcessInfo> children;
  for (;;) {
    children = ipclab::exec::descendants(ipclab::exec::list_processes(), driver.pid());
    if (children.empty() || Clock::now() >= deadline) break;
    std::this_thread::sleep_for(50ms);
  }
  std::vector<std::string> described;
  for (const auto& child : children) {
    described.push_back(child.state == 'Z' ? trf("pid {} (a zombie)", child.pid)
                                           : trf("pid {} (still running)", child.pid));
  }
  return described;
}

}  // namespace eb_harness
