// Producer-consumer: run_pipeline() when a child process fails -- it must
// throw std::runtime_error, and still reap every child and remove its queues.
#include <signal.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "exec/process_tree.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"

namespace pc_harness {
namespace {

/// The pids of `parent`'s descendants, in increasing order (the order they
/// were forked in, as long as pids do not wrap around).
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> pids;
  for (const auto& child : ipclab::exec::descendants(ipclab::exec::list_processes(), parent))
    pids.push_back(child.pid);
  std::sort(pids.begin(), pids.end());
  return pids;
}

TEST(producer_consumer, pipeline_child_fails) {
  Driver student = Driver::start(Build::student);
  const std::string call = "run_pipeline(2, 2, 50000000, 4)";
  student.post("pipeline 2 2 50000000 4");
  std::vector<pid_t> children;
  for (int wait = 0; wait < 100 && children.size() < 4; ++wait) {
    if (std::optional<Reply> early = student.poll_reply(30ms)) {
      FAIL() << call << " returned at once: it " << outcome(*early);
    }
    children = children_of(student.pid());
  }
  IPCLAB_REQUIRE(children.size() == 4)
      << call << " must fork 2 consumers and 2 producers; 3 s later there were " << children.size()
      << " child processes";
  // Consumers are forked first: the two newest children are the producers.
  ::kill(children[2], SIGKILL);
  ::kill(children[3], SIGKILL);
  Reply failed = await_or_explain(student, 20s,
                                  call +
                                      " whose producers were killed must throw once the "
                                      "consumers have their None");
  IPCLAB_EXPECT(failed.kind == "RuntimeError")
      << call << " whose two producers were killed must throw std::runtime_error (a child did "
      << "not exit with status 0), but it " << outcome(failed);
  expect_children_gone(student, call);
  expect_no_segments(student, call);
}

}  // namespace
}  // namespace pc_harness
