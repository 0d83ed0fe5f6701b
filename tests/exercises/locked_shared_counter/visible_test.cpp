// Locked shared counter: the tests students see. The harness reads Values and
// Arrays straight from shared memory, and pairs the student's processes with
// reference processes on the same objects, so a lock that is missing, private
// or never released shows up as lost updates, a wait that does not happen, or
// a lock still held.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"

namespace lsc_harness {
namespace {

/// Why `call` left no Value named `name` in the region of `view`.
std::string nothing_there(RegionView& view, const std::string& call, const std::string& name) {
  if (view.has(name)) {
    return trf(
        // TRANSLATORS: Value::create(region, "v", 4343) | v | v
        "{} left no Value named '{}' in the region: the object named '{}' is not a "
        "ValueCell (construct<ValueCell>(name)(...))",
        call, name, name);
  }
  return trf(
      "{} left no Value named '{}' in the region: construct the ValueCell inside the "
      "region with region.memory().construct<ValueCell>(name.c_str())(initial). Memory "
      "from `new` is private to your process: no other process can see it",
      call, name);
}

TEST(locked_shared_counter, value_create) {
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok("create " + r);
  const std::pair<std::string, std::int64_t> cases[] = {
      {"v", 4343}, {"big", std::int64_t{1} << 33}, {"neg", -232}};
  for (const auto& [name, initial] : cases) {
    std::string call = "Value::create(region, \"" + name + "\", " + std::to_string(initial) + ")";
    student.ok(join({"value", r, name, std::to_string(initial)}));
    std::optional<RegionView> view = RegionView::open(r);
    IPCLAB_REQUIRE(view.has_value()) << trf("the region '{}' disappeared after {}", r, call);
    const ValueCell* cell = view->value(name);
    IPCLAB_REQUIRE(cell != nullptr) << nothing_there(*view, call, name);
    IPCLAB_EXPECT(read_number(cell->value) == initial)
        << trf("{} must hold {}, it holds {}", call, initial, read_number(cell->value));
  }
  // Python: a child sets v.value, the parent sees it (and the other way round).
  Driver reference = Driver::start(Build::reference);
  Reply seen = reference.call(join({"get", r, "v"}));
  IPCLAB_EXPECT(seen.line == "ok 4343") << trf(
      "another process that opens the region must find Value v = 4343; it got: {}", seen.line);
  reference.ok(join({"set", r, "v", "24234"}));
  IPCLAB_EXPECT(student.ok(join({"get", r, "v"})).line == "ok 24234")
      << tr("after another process stored 24234 in v, your process must see 24234");
}

TEST(locked_shared_counter, increment_alone) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"value", r, "v", "5"}));
  Driver student = Driver::start(Build::student);
  Reply done = call_or_explain(student, join({"increment", r, "v", "1000"}), 10s, {r, {"v"}});
  IPCLAB_REQUIRE(done.ok) << did(tr("increment(v, 1000) on a Value nobody else uses"), done);
  std::int64_t total = value_of(r, "v", tr("after increment(v, 1000)"));
  IPCLAB_EXPECT(total == 1005) << trf(
      "increment(v, 1000) on a Value holding 5 must leave 1005, it left {}", total);
  pid_t owner = owner_of(r, "v");
  IPCLAB_REQUIRE(owner == 0)
      // TRANSLATORS: {} is a process: "your driver (pid 12)", "a child of your driver (pid 14)"
      << trf("increment() returned, but the Value's lock is still held by {}: unlock it after "
             "each increment (a Lock object unlocks when it goes out of scope)",
             who(owner));
  student.ok(join({"increment", r, "v", "0"}));
  IPCLAB_EXPECT(value_of(r, "v", tr("after increment(v, 0)")) == 1005)
      << tr("increment(v, 0) must leave the Value unchanged");
}

TEST(locked_shared_counter, increment_takes_the_lock) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"value", r, "v", "0"}));
  reference.ok(join({"hold", r, "v"}));  // another process is inside its critical section
  Driver student = Driver::start(Build::student);
  student.post(join({"increment", r, "v", "5"}));
  if (std::optional<Reply> early = reply_unless_waiting(student)) {
    IPCLAB_REQUIRE(!early->ok) << tr(
        "increment(v, 5) returned while another process held v's lock: increment() must "
        "lock counter.get_lock(), the lock inside the Value. A std::mutex or any lock of "
        "your own lives in your process only, so the other processes never see it");
    FAIL() << trf(
        // TRANSLATORS: {} is what the call did: "threw LockError (...)"
        "increment(v, 5), while another process held v's lock, {} instead of waiting "
        "for the lock",
        outcome(*early));
  }
  reference.ok(join({"release", r, "v"}));
  Reply done = await_or_explain(student, join({"increment", r, "v", "5"}), 5s, {r, {"v"}});
  IPCLAB_REQUIRE(done.ok) << trf("increment(v, 5), once the lock was released, {}", outcome(done));
  IPCLAB_EXPECT(value_of(r, "v", tr("after increment(v, 5)")) == 5)
      << tr("increment(v, 5) must add 5 once it gets the lock");
}

TEST(locked_shared_counter, increment_with_reference) {
  constexpr int kTimes = 4000;
  RegionName region;
  const std::string& r = region.str();
  Driver creator = Driver::start(Build::reference);
  creator.ok("create " + r);
  creator.ok(join({"value", r, "v", "0"}));
  Driver mine1 = Driver::start(Build::student), mine2 = Driver::start(Build::student);
  Driver theirs = Driver::start(Build::reference);
  std::vector<Driver*> workers = {&mine1, &creator, &mine2, &theirs};
  std::vector<Reply> replies =
      run_together(workers, join({"increment", r, "v", std::to_string(kTimes)}), 30s, {r, {"v"}});
  for (std::size_t i = 0; i < replies.size(); ++i) {
    IPCLAB_REQUIRE(replies[i].ok)
        // TRANSLATORS: increment(v, 4000) in <a driver: "your driver"> <what it did: "threw ...">
        << trf("increment(v, {}) in {} {}", kTimes, workers[i]->label(), outcome(replies[i]));
  }
  const std::int64_t expected = 4 * kTimes;
  std::int64_t total = value_of(r, "v", tr("after the four increment() calls"));
  IPCLAB_EXPECT(total == expected)
      << (total < expected
              ? trf("4 processes (2 running your increment(), 2 the reference's) each added {} to "
                    "the same Value: it must hold {}, it holds {}. {} increments were lost: two "
                    "processes read the same number and both stored number + 1. Lock "
                    "counter.get_lock() before the load() and keep it until after the store()",
                    kTimes, expected, total, expected - total)
              : trf("4 processes (2 running your increment(), 2 the reference's) each added {} to "
                    "the same Value: it must hold {}, it holds {}. More than were made: something "
                    "stores values it did not read",
                    kTimes, expected, total));
  pid_t owner = owner_of(r, "v");
  IPCLAB_EXPECT(owner == 0) << trf("after every increment() returned, v's lock is still held by {}",
                                   who(owner));
}

/// Why run_increments() (`call`) returned `total`, not `expected`.
std::string wrong_total(const std::string& call, long long expected, long long total) {
  if (total == 0) {
    return trf(
        "{} must return {}, it returned {}: the workers never changed the parent's "
        "counter. Create the region and the Value before fork(), so that every worker "
        "shares them",
        call, expected, total);
  }
  if (total < expected) {
    return trf(
        "{} must return {}, it returned {}: {} increments were lost, or the total was "
        "read before every worker had finished (waitpid() each of them first)",
        call, expected, total, expected - total);
  }
  return trf(
      "{} must return {}, it returned {}: more increments than workers x times. Did a "
      "child go on running the parent's code (return instead of _exit())?",
      call, expected, total);
}

TEST(locked_shared_counter, run_increments) {
  Driver student = Driver::start(Build::student);
  for (auto [processes, times] : {std::pair{4, 1000}, std::pair{1, 10}}) {
    std::string call =
        "run_increments(" + std::to_string(processes) + ", " + std::to_string(times) + ")";
    Reply done = call_or_explain(
        student, join({"run_increments", std::to_string(processes), std::to_string(times)}), 20s,
        {});
    IPCLAB_REQUIRE(done.ok) << did(call, done) << stray_child_note(student) << student.printed();
    long long expected = static_cast<long long>(processes) * times;
    long long total = done.number(0);
    IPCLAB_EXPECT(total == expected) << wrong_total(call, expected, total);
    expect_children_gone(student, call);
    expect_no_segments(student, call);
    if (HasFailure()) return;  // the next call would only repeat what is wrong
  }
}

TEST(locked_shared_counter, array_zeroed) {
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok("create " + r);
  const std::vector<std::int64_t> zeros(10, 0);
  for (int round = 1; round <= 3; ++round) {
    student.ok(join({"array", r, "a", "10"}));
    std::vector<std::int64_t> items =
        items_of(r, "a", tr("after Array::create(region, \"a\", 10)"));
    IPCLAB_REQUIRE(items == zeros)
        << (round > 1
                ? trf("Array::create(region, \"a\", 10) must give 10 zeros (Python: Array('q', "
                      "10)), it gave {} -- in a region where an array holding 100..109 had just "
                      "been destroyed. allocate() hands memory back as its last user left it: "
                      "set every item to 0",
                      show(items))
                : trf("Array::create(region, \"a\", 10) must give 10 zeros (Python: Array('q', "
                      "10)), it gave {}",
                      show(items)));
    if (round == 1) {
      Driver reference = Driver::start(Build::reference);
      Reply seen = reference.call(join({"array_get", r, "a"}));
      IPCLAB_EXPECT(seen.line == "ok 10 0 0 0 0 0 0 0 0 0 0")
          << trf("another process that opens the region must find Array a = 10 zeros; it got: {}",
                 seen.line);
    }
    for (int i = 0; i < 10; ++i)
      student.ok(join({"array_set", r, "a", std::to_string(i), std::to_string(100 + i)}));
    student.ok(join({"array_destroy", r, "a"}));
  }
}

TEST(locked_shared_counter, array_add_at) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"array", r, "a", "5"}));
  Driver student = Driver::start(Build::student);
  for (const char* args : {"2 7", "0 -3", "4 1", "2 1"})
    student.ok(join({"add_at", r, "a", args}));
  std::vector<std::int64_t> want = {-3, 0, 8, 0, 1};
  std::vector<std::int64_t> got = items_of(r, "a", tr("after add_at()"));
  IPCLAB_EXPECT(got == want) << trf(
      "add_at(a, 2, 7), add_at(a, 0, -3), add_at(a, 4, 1), add_at(a, 2, 1) on an array of 5 "
      "zeros must give {}, got {}",
      show(want), show(got));
  Reply bad = student.call(join({"add_at", r, "a", "5", "1"}));
  IPCLAB_EXPECT(bad.kind == "IndexError")
      << trf("add_at(a, 5, 1) on an array of 5 items must throw std::out_of_range (Python's "
             "IndexError), but it {}",
             outcome(bad));
  pid_t owner = owner_of(r, "a");
  IPCLAB_REQUIRE(owner == 0) << trf(
      "after add_at(a, 5, 1) threw, the array's lock is still held by {}, so every other "
      "process now waits for it forever. Lock with a Lock object (Lock "
      "lock(array.get_lock());): its destructor unlocks when an exception leaves the "
      "function, while an unlock() written by hand is skipped",
      who(owner));
  Reply after = call_or_explain(reference, join({"add_at", r, "a", "1", "1"}), 10s, {r, {"a"}});
  IPCLAB_EXPECT(after.ok) << trf(
      "after your add_at(a, 5, 1) threw, the reference add_at(a, 1, 1) {}", outcome(after));
  want[1] = 1;
  got = items_of(r, "a", tr("after the reference add_at()"));
  IPCLAB_EXPECT(got == want) << trf("expected {}, got {}", show(want), show(got));
}

TEST(locked_shared_counter, prefix_sum_in_child) {
  RegionName region;
  const std::string& r = region.str();
  Driver reference = Driver::start(Build::reference);
  reference.ok("create " + r);
  reference.ok(join({"array", r, "a", "10"}));
  std::vector<std::int64_t> before, want;
  for (int i = 0; i < 10; ++i) {
    reference.ok(join({"array_set", r, "a", std::to_string(i), std::to_string(i)}));
    before.push_back(i);
    want.push_back(i * (i + 1) / 2);
  }
  Driver student = Driver::start(Build::student);
  Reply done = call_or_explain(student, join({"run_prefix_sum", r, "a"}), 10s, {r, {"a"}});
  IPCLAB_REQUIRE(done.ok) << did("run_prefix_sum(a)", done) << stray_child_note(student)
                          << student.printed();
  std::vector<std::int64_t> got = items_of(r, "a", tr("after run_prefix_sum()"));
  IPCLAB_EXPECT(got != before) << tr(
      "the array is unchanged after run_prefix_sum(): the child must work on the shared "
      "array itself. A copy lives in the child's private memory and is lost when it exits");
  IPCLAB_EXPECT(got == before || got == want) << trf(
      "run_prefix_sum() on {} must leave {}, it left {}", show(before), show(want), show(got));
  std::optional<RegionView> view = RegionView::open(r);
  pid_t writer =
      view && view->array("a") ? static_cast<pid_t>(view->array("a")->last_writer_pid) : 0;
  IPCLAB_EXPECT(writer != student.pid())
      << tr("your driver process computed the prefix sum itself: run_prefix_sum() must fork() "
            "a child that calls prefix_sum() (Python: Process(target=prefix_sum, args=(a,)))");
  expect_children_gone(student, "run_prefix_sum()");
}

}  // namespace
}  // namespace lsc_harness
