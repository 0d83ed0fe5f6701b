// Manager results collector: run_collector() when its workers die -- it must
// throw std::runtime_error after shutting the manager down, and leave no
// process or socket file behind.
#include <signal.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "collected.hpp"
#include "exec/process_tree.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"

namespace mgr_harness {
namespace {

/// The pids of `parent`'s descendants that are not zombies, in increasing
/// order (the order they were forked in, as long as pids do not wrap around).
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> pids;
  for (const auto& child : ipclab::exec::descendants(ipclab::exec::list_processes(), parent))
    if (child.state != 'Z') pids.push_back(child.pid);
  std::sort(pids.begin(), pids.end());
  return pids;
}

TEST(manager_results_collector, collector_worker_dies) {
  Driver student = Driver::start(Build::student);
  const std::string call = "run_collector(2, 2000000)";
  student.post("collect 2 2000000");
  std::vector<pid_t> children;
  for (int wait = 0; wait < 200 && children.size() < 3; ++wait) {
    if (std::optional<Reply> early = student.poll_reply(30ms)) {
      FAIL() << trf("{} returned at once: {}", call, early->line);
    }
    children = children_of(student.pid());
  }
  IPCLAB_REQUIRE(children.size() >= 3)
      << trf("{} must start the manager's server and fork 2 workers; 6 s later there were {} "
             "child processes",
             call, children.size());
  // The server is forked first (by Manager::start()); the others are workers.
  for (std::size_t i = 1; i < children.size(); ++i)
    ::kill(children[i], SIGKILL);
  Reply failed = student.await_reply(20s);
  IPCLAB_EXPECT(failed.kind == "RuntimeError")
      << (failed.ok ? trf("{} whose workers were killed must throw std::runtime_error (a worker "
                          "did not exit with status 0), but it returned",
                          call)
                    : trf("{} whose workers were killed must throw std::runtime_error (a worker "
                          "did not exit with status 0), but it threw {}",
                          call, failed.kind));
  expect_collector_cleaned_up(student);
}

}  // namespace
}  // namespace mgr_harness
