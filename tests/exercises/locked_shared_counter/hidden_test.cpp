// Locked shared counter: hidden tests (run when the instructor grades): a Value
// the student created and reference workers, team sizes, a lock owner that
// dies, workers that crash (a team, and a lone worker), concurrent element-wise
// updates, the lock of prefix_sum(), prefix_sum() on 0 and 1 items, and arrays
// made by the student used by the reference.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"

namespace lsc_harness {
namespace {

/// "LockError" (the owner died) or the driver's lock timeout: a lock that
/// cannot be had, reported as an error.
bool is_lock_error(const Reply& reply) {
  return reply.kind == "LockError" ||
         (reply.kind == "InterprocessError" &&
          reply.message.find("timeout when locking") != std::string::npos);
}

TEST(locked_shared_counter, student_value_with_reference_workers) {
  constexpr int kTimes = 3000;
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok("create " + r);
  student.ok(join({"value", r, "v", "0"}));
  Driver theirs1 = Driver::start(Build::reference), theirs2 = Driver::start(Build::reference);
  std::vector<Driver*> workers = {&theirs1, &student, &theirs2};
  std::vector<Reply> replies =
      run_together(workers, join({"increment", r, "v", std::to_string(kTimes)}), 30s, {r, {"v"}});
  for (std::size_t i = 0; i < replies.size(); ++i) {
    IPCLAB_REQUIRE(replies[i].ok)
        // TRANSLATORS: increment(v, 3000) in <a driver> on ... <what it did: "threw ...">
        << trf("increment(v, {}) in {} on the Value your Value::create() made {}", kTimes,
               workers[i]->label(), outcome(replies[i]));
  }
  std::int64_t total = value_of(r, "v", tr("after the three increment() calls"));
  IPCLAB_EXPECT(total == 3 * kTimes)
      << trf("your process and 2 reference processes each added {} to the Value your "
             "Value::create() made: it must hold {}, it holds {} ({} increments lost)",
             kTimes, 3 * kTimes, total, 3 * kTimes - total);
}

TEST(locked_shared_counter, run_increments_sizes) {
  Driver student = Driver::start(Build::student);
  for (auto [processes, times] : {std::pair{8, 500}, std::pair{3, 0}, std::pair{2, 1}}) {
    std::string call =
        "run_increments(" + std::to_string(processes) + ", " + std::to_string(times) + ")";
    Reply done = call_or_explain(
        student, join({"run_increments", std::to_string(processes), std::to_string(times)}), 20s,
        {});
    IPCLAB_REQUIRE(done.ok) << did(call, done) << stray_child_note(student) << student.printed();
    IPCLAB_EXPECT(done.number(0) == static_cast<long long>(processes) * times)
        << trf("{} must return {}, it returned {}", call, processes * times, done.word(0));
    expect_children_gone(student, call);
    expect_no_segments(student, call);
    if (HasFailure()) return;
  }
}

TEST(locked_shared_counter, lock_owner_died) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"value", r, "v", "0"}));
  reference.ok(join({"die_holding_lock", r, "v"}));  // a process locked v and died
  Driver student = Driver::start(Build::student);
  Reply reply = call_or_explain(student, join({"increment", r, "v", "10"}), 10s, {r, {"v"}});
  IPCLAB_EXPECT(!reply.ok) << tr(
      "increment(v, 10) succeeded although the process that held v's lock died holding "
      "it: so it never took counter.get_lock() (taking it throws bip::lock_exception now)");
  IPCLAB_EXPECT(reply.ok || is_lock_error(reply))
      << trf("increment(v, 10), after the lock's owner died, must let the lock's exception "
             "(bip::lock_exception) through, but it {}",
             outcome(reply));
}

TEST(locked_shared_counter, worker_crash) {
  Driver student = Driver::start(Build::student);
  student.ok("crash_workers_after 40");  // every worker is killed (SIGKILL) at its 40th store()
  Reply reply = call_or_explain(student, "run_increments 2 1000", 20s, {});
  IPCLAB_EXPECT(!reply.ok) << trf(
      "run_increments(2, 1000) returned {} although its workers were killed (SIGKILL) in "
      "the middle of their work: check each child's status from waitpid() (WIFEXITED and "
      "WEXITSTATUS == 0) and throw std::runtime_error if a worker failed",
      reply.word(0));
  IPCLAB_EXPECT(reply.ok || reply.kind != "LockError")
      // TRANSLATORS: {} is what the parent did: "threw LockError (...)"
      << trf("run_increments() must report the failed workers with std::runtime_error, but the "
             "parent itself {}",
             outcome(reply));
  expect_children_gone(student, tr("run_increments(2, 1000) with crashing workers"));
  expect_no_segments(student, tr("run_increments(2, 1000) with crashing workers"));
}

TEST(locked_shared_counter, lone_worker_crash) {
  // One failed worker is enough: with a single worker there is no second one
  // whose lock_exception would also fail, so only that worker's status says so.
  Driver student = Driver::start(Build::student);
  student.ok("crash_workers_after 40");  // the worker is killed (SIGKILL) at its 40th store()
  Reply reply = call_or_explain(student, "run_increments 1 1000", 20s, {});
  IPCLAB_EXPECT(!reply.ok) << trf(
      "run_increments(1, 1000) returned {} although its only worker was killed (SIGKILL) "
      "at its 40th store(): a single failed worker is enough to throw std::runtime_error "
      "(count the failures and throw if there is at least one)",
      reply.word(0));
  IPCLAB_EXPECT(reply.ok || reply.kind != "LockError")
      << trf("run_increments() must report the failed worker with std::runtime_error, but the "
             "parent itself {}",
             outcome(reply));
  expect_children_gone(student, tr("run_increments(1, 1000) with a crashing worker"));
  expect_no_segments(student, tr("run_increments(1, 1000) with a crashing worker"));
}

TEST(locked_shared_counter, add_at_with_reference) {
  constexpr int kLength = 7, kTimes = 2100;
  RegionName region;
  const std::string& r = region.str();
  Driver creator = Driver::start(Build::reference);
  creator.ok("create " + r);
  creator.ok(join({"array", r, "a", std::to_string(kLength)}));
  Driver mine1 = Driver::start(Build::student), mine2 = Driver::start(Build::student);
  std::vector<Driver*> workers = {&mine1, &creator, &mine2};
  std::vector<Reply> replies =
      run_together(workers, join({"add_each", r, "a", std::to_string(kTimes)}), 30s, {r, {"a"}});
  for (std::size_t i = 0; i < replies.size(); ++i) {
    IPCLAB_REQUIRE(replies[i].ok)
        // TRANSLATORS: add_at() in <a driver: "your driver"> <what it did: "threw ...">
        << trf("add_at() in {} {}", workers[i]->label(), outcome(replies[i]));
  }
  std::vector<std::int64_t> want(kLength, 3 * kTimes / kLength);
  std::vector<std::int64_t> got = items_of(r, "a", tr("after the add_at() calls"));
  IPCLAB_EXPECT(got == want) << trf(
      "3 processes (2 running your add_at(), 1 the reference's) each added 1 to every "
      "item {} times: the array must be {}, it is {}. Updates were lost: hold "
      "array.get_lock() from the load() to the store()",
      kTimes / kLength, show(want), show(got));
}

TEST(locked_shared_counter, prefix_sum_takes_the_lock) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"array", r, "a", "8"}));
  for (int i = 0; i < 8; ++i)
    reference.ok(join({"array_set", r, "a", std::to_string(i), "1"}));
  const std::vector<std::int64_t> ones(8, 1), want = {1, 2, 3, 4, 5, 6, 7, 8};
  reference.ok(join({"hold", r, "a"}));
  Driver student = Driver::start(Build::student);
  student.post(join({"prefix_sum", r, "a"}));
  std::optional<Reply> early = reply_unless_waiting(student);
  std::vector<std::int64_t> during = items_of(r, "a", tr("while another process held the lock"));
  IPCLAB_EXPECT(!early.has_value() && during == ones)
      // TRANSLATORS: what prefix_sum() did: "returned", "threw LockError (...)"
      << (early ? trf("prefix_sum() {} while another process held the array's lock: "
                      "prefix_sum() must lock array.get_lock() before it reads or writes any "
                      "item",
                      outcome(*early))
                : trf("prefix_sum() changed the array to {} while another process held the "
                      "array's lock: prefix_sum() must lock array.get_lock() before it reads or "
                      "writes any item",
                      show(during)));
  reference.ok(join({"release", r, "a"}));
  Reply done = early ? *early : await_or_explain(student, join({"prefix_sum", r, "a"}), 5s, {});
  IPCLAB_REQUIRE(done.ok) << did("prefix_sum(a)", done);
  std::vector<std::int64_t> got = items_of(r, "a", tr("after prefix_sum()"));
  IPCLAB_EXPECT(got == want) << trf("prefix_sum() on {} must leave {}, it left {}", show(ones),
                                    show(want), show(got));
}

TEST(locked_shared_counter, array_interop) {
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok("create " + r);
  student.ok(join({"array", r, "a", "6"}));
  student.ok(join({"array", r, "empty", "0"}));
  Driver reference = Driver::start(Build::reference);
  for (int i = 0; i < 6; ++i)
    reference.ok(join({"add_at", r, "a", std::to_string(i), std::to_string(i + 1)}));
  reference.ok(join({"prefix_sum", r, "a"}));
  const std::vector<std::int64_t> want = {1, 3, 6, 10, 15, 21};
  std::vector<std::int64_t> got =
      items_of(r, "a", tr("after the reference's add_at() and prefix_sum()"));
  IPCLAB_EXPECT(got == want) << trf(
      "the reference's add_at(a, i, i + 1) and prefix_sum() on the Array your Array::create() "
      "made must give {}, got {}",
      show(want), show(got));
  Reply empty = reference.call(join({"array_get", r, "empty"}));
  IPCLAB_EXPECT(empty.line == "ok 0")
      << trf("Array::create(region, \"empty\", 0) must make an array of 0 items; another "
             "process found: {}",
             empty.line);
  Reply twice = student.call(join({"array", r, "a", "3"}));
  IPCLAB_EXPECT(!twice.ok) << tr(
      "a second Array::create(region, \"a\", 3) must throw (the name is taken: construct<>() "
      "throws), but it returned");
  IPCLAB_EXPECT(items_of(r, "a", tr("after a second Array::create() of the same name")) == want)
      << tr("a second Array::create() with a taken name must leave the first array alone");
}

TEST(locked_shared_counter, prefix_sum_edges) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"array", r, "empty", "0"}));
  reference.ok(join({"array", r, "one", "1"}));
  reference.ok(join({"array_set", r, "one", "0", "5"}));
  Driver student = Driver::start(Build::student);
  for (const char* call : {"prefix_sum", "run_prefix_sum"}) {
    Reply empty = call_or_explain(student, join({call, r, "empty"}), 5s, {r, {"empty"}});
    IPCLAB_EXPECT(empty.ok) << trf(
        // TRANSLATORS: prefix_sum | what it did: "threw LockError (...)"
        "{}() on an array of 0 items must do nothing, but it {} (with "
        "size() == 0, size() - 1 wraps around to a huge number)",
        call, outcome(empty));
    Reply one = call_or_explain(student, join({call, r, "one"}), 5s, {r, {"one"}});
    IPCLAB_EXPECT(one.ok &&
                  items_of(r, "one", tr("after prefix_sum()")) == std::vector<std::int64_t>{5})
        << trf("{}() on the array [5] must leave [5], but it {}", call, outcome(one));
  }
}

TEST(locked_shared_counter, run_prefix_sum_child_fails) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"array", r, "a", "4"}));
  reference.ok(join({"die_holding_lock", r, "a"}));  // the child's prefix_sum() cannot lock it
  Driver student = Driver::start(Build::student);
  Reply reply = call_or_explain(student, join({"run_prefix_sum", r, "a"}), 10s, {r, {"a"}});
  IPCLAB_EXPECT(reply.kind == "RuntimeError")
      << trf("run_prefix_sum(a) whose child fails (a's lock belongs to a process that died, so "
             "the child's prefix_sum() throws) must throw std::runtime_error in the parent, but "
             "it {}",
             outcome(reply));
  expect_children_gone(student, "run_prefix_sum(a)");
}

}  // namespace
}  // namespace lsc_harness
