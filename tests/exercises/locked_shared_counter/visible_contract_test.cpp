// Locked shared counter: clauses of the header a student sees before hand-in
// -- prefix_sum() keeps the lock for the whole loop, and Value::create()
// refuses a name that is taken.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"
#include "lock_sampler.hpp"

namespace lsc_harness {
namespace {

constexpr std::size_t kItems = 4000;
constexpr int kRounds = 3;

/// The running sums of `items`.
std::vector<std::int64_t> running_sums(std::vector<std::int64_t> items) {
  for (std::size_t i = 1; i < items.size(); ++i)
    items[i] += items[i - 1];
  return items;
}

/// Where `half` stops matching `after`: how far prefix_sum() had got.
std::size_t progress(const std::vector<std::int64_t>& half,
                     const std::vector<std::int64_t>& after) {
  std::size_t i = 0;
  while (i < half.size() && half[i] == after[i])
    ++i;
  return i;
}

// Whatever the timing, a prefix_sum() that keeps the lock from the first item
// to the last lets another process see the array only before or after it: a
// correct answer never fails. One that locks per item hands the lock to the
// sampler (which shares its CPU, asleep on the lock) at its first unlock().
TEST(locked_shared_counter, prefix_sum_whole_loop) {
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok(join({"create", r, "1048576"}));
  student.ok(join({"array", r, "a", std::to_string(kItems)}));
  student.ok(join({"array_set", r, "a", "0", "1"}));
  std::vector<std::int64_t> before = items_of(r, "a", tr("before prefix_sum()"));
  for (int round = 1; round <= kRounds; ++round) {
    std::vector<std::int64_t> after = running_sums(before);
    LockSampler sampler(r, "a", student.pid(), before, after);
    std::string call = join({"prefix_sum", r, "a"});
    student.post(call);
    Reply done = await_or_explain(student, call, 30s, {r, {"a"}});
    std::optional<std::vector<std::int64_t>> half = sampler.stop();
    IPCLAB_REQUIRE(done.ok) << did("prefix_sum(a)", done);
    IPCLAB_REQUIRE(!half) << trf(
        // TRANSLATORS: the array's length | how many sums were written when it was seen
        "while prefix_sum() ran on {} items, another process took the array's lock and found it "
        "half-done (the first {} sums written, the rest not yet): lock array.get_lock() once, "
        "before the loop, and keep it until the last item is written",
        kItems, progress(*half, after));
    IPCLAB_REQUIRE(items_of(r, "a", tr("after prefix_sum()")) == after)
        << tr("prefix_sum() did not leave the running sums in the array");
    before = after;
  }
}

TEST(locked_shared_counter, value_name_taken) {
  RegionName region;
  const std::string& r = region.str();
  Driver student = Driver::start(Build::student);
  student.ok("create " + r);
  student.ok(join({"value", r, "v", "7"}));
  student.ok(join({"array", r, "a", "2"}));
  for (const char* taken : {"v", "a"}) {
    const bool value = std::string(taken) == "v";
    Reply again = student.call(join({"value", r, taken, "99"}));
    IPCLAB_EXPECT(again.kind == "InterprocessError")
        // TRANSLATORS: the name, twice | what the call did: "returned"
        << (value ? trf("Value::create(region, \"{}\", 99) where a Value \"{}\" already exists "
                        "must throw bip::interprocess_exception (construct<>() does; "
                        "find_or_construct<>() hands back the old object), but it {}",
                        taken, taken, outcome(again))
                  : trf("Value::create(region, \"{}\", 99) where an Array \"{}\" already exists "
                        "must throw bip::interprocess_exception (construct<>() does; "
                        "find_or_construct<>() hands back the old object), but it {}",
                        taken, taken, outcome(again)));
  }
  IPCLAB_EXPECT(value_of(r, "v", tr("after Value::create() of a taken name")) == 7)
      << tr("Value::create() with a taken name must leave the existing Value (7) alone");
}

}  // namespace
}  // namespace lsc_harness
