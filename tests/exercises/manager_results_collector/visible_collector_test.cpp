// Manager results collector: the visible tests of the collector: tally() from
// several processes at once, and the whole run_collector().
#include <gtest/gtest.h>

#include "collected.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"

namespace mgr_harness {
namespace {

TEST(manager_results_collector, tally_counts_atomically) {
  ServerUnderTest server = start_server(Build::reference);
  std::vector<Driver> counters;
  for (int i = 0; i < 8; ++i)
    counters.push_back(client_driver(Build::student, server.address));
  for (Driver& counter : counters)
    counter.post("tally d 100 apple pear apple");
  for (Driver& counter : counters) {
    Reply done = counter.await_reply(60s);
    IPCLAB_REQUIRE(done.ok) << trf("tally() threw {}: {}", done.kind, done.message)
                            << counter.printed();
  }
  RawClient raw(server.path);
  const std::pair<const char*, int> counts[] = {{"apple", 1600}, {"pear", 800}};
  for (auto [word, want] : counts) {
    std::string got = raw.call(std::string("dict_get ") + word);
    IPCLAB_EXPECT(got == "ok i:" + std::to_string(want))
        << trf("8 processes ran tally() at the same time on the same words: counts[\"{}\"] must "
               "be {}, the server holds \"{}\". Counts were lost: tally() must use add(), one "
               "request the server applies as a whole, never get() then set() (another process "
               "counts in between)",
               word, want, got);
  }
}

TEST(manager_results_collector, collector_results) {
  Driver student = Driver::start(Build::student);
  Reply collected = student.ok("collect 4 120", 30s);
  expect_collected(collected, 4, 120);
  expect_collector_cleaned_up(student);
}

}  // namespace
}  // namespace mgr_harness
