// Serialization: hidden tests (run when the instructor grades): recursive
// tuples, large values, a round trip under AddressSanitizer, and speed.
#include <gtest/gtest.h>

#include <algorithm>

#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "harness/sanitizer_report.hpp"
#include "opcodes.hpp"
#include "serial.hpp"

namespace serial {
namespace {

using ipclab::harness::ScopedContext;

TEST(serialization, recursive_tuples) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const Golden* vector : golden_with_prefix({"recursive_tuple"})) {
    ScopedContext context(trf("{}, a tuple that contains itself through a list", vector->value));
    check_dumps(student, reference, *vector);
    check_loads(student, *vector);
  }
}

TEST(serialization, large_values) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const char* name : {"list_1001", "dict_1000"}) {
    ScopedContext context(
        trf("golden vector '{}': at most 1000 items per MARK (kBatchSize)", name));
    check_dumps(student, reference, golden(name));
    check_loads(student, golden(name));
  }
  std::string megabyte = "b'" + std::string(1 << 20, 'm') + "'";
  std::string long_text = "'" + std::string(300000, 't') + "'";
  for (const std::string& value : {megabyte, long_text, "[" + megabyte + "," + long_text + "]"}) {
    ScopedContext context(trf("a value of {} characters", value.size()));
    Bytes got = dumped(student, value, 30s);
    Bytes want = dumped(reference, value, 30s);
    IPCLAB_EXPECT(got == want) << trf(
        "dumps() of a large str or bytes must write what Python writes: {}",
        explain_difference(got, want));
    Reply read = loads(student, want, 30s);
    IPCLAB_EXPECT(read.ok && read.word(0) == value)
        << trf("loads() of Python's pickle of a large str or bytes {}", outcome_text(read));
  }
}

TEST(serialization, roundtrip_sanitized) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  std::mt19937_64 rng(11);
  ipclab::harness::report_sanitizer_deaths(student, kStudentFiles, [&] {
    for (const Golden& vector : golden_vectors()) {
      ScopedContext context(trf("golden vector '{}'", vector.name));
      Reply read = loads(student, vector.bytes);
      IPCLAB_EXPECT(read.ok && read.word(0) == vector.value)
          << trf("loads() {}", outcome_text(read));
      if (vector.kind == Golden::Kind::loads_only) continue;
      Reply back = loads(reference, dumped(student, vector.value));
      IPCLAB_EXPECT(back.ok && back.word(0) == vector.value)
          << trf("the reference reads what dumps() wrote as: {}", outcome_text(back));
    }
    for (int i = 0; i < 60; ++i) {
      std::string value = canonical(reference, random_value(rng));
      ScopedContext context(trf("random value {}", brief(value)));
      Reply back = loads(student, dumped(student, value));
      IPCLAB_EXPECT(back.ok && back.word(0) == value)
          << trf("loads(dumps(value)) {}", outcome_text(back));
    }
  });
}

struct Timing {
  double dumps_ms = 1e300;
  double loads_ms = 1e300;
};

/// One `bench` on `driver`, keeping the fastest times in `best`.
void bench(Driver& driver, Timing& best, std::size_t* size) {
  Reply reply = driver.ok("bench 4000 7 3", 120s);
  if (driver.build() == Build::student && reply.word(3) != "same") {
    ipclab::harness::abort_test(ipclab::harness::Outcome::failed,
                                tr("loads(dumps(sample)) is not the sample value: the speed "
                                   "test needs correct results first"));
  }
  best.dumps_ms = std::min(best.dumps_ms, reply.number(0) / 1e6);
  best.loads_ms = std::min(best.loads_ms, reply.number(1) / 1e6);
  *size = static_cast<std::size_t>(reply.number(2));
}

TEST(serialization, speed) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  Timing mine;
  Timing theirs;
  std::size_t size = 0;
  // CPU time (the driver's `bench`), the fastest of 12 runs each, alternately.
  for (int round = 0; round < 4; ++round) {
    bench(round % 2 ? student : reference, round % 2 ? mine : theirs, &size);
    bench(round % 2 ? reference : student, round % 2 ? theirs : mine, &size);
  }
  auto explain = [&](const char* what, double yours, double reference_ms) {
    // TRANSLATORS: dumps() or loads(), the pickle's size in KiB, then two times in ms
    return trf(
        "{} of the sample job list ({} KiB pickled) took {} ms of CPU time, the reference "
        "{} ms: at least a quarter of the reference's speed is needed. Look for work done "
        "again for every value: copying buffers, building path strings, linear searches in "
        "the memo.",
        what, size / 1024, std::to_string(yours), std::to_string(reference_ms));
  };
  IPCLAB_EXPECT(theirs.dumps_ms >= 0.25 * mine.dumps_ms)
      << explain("dumps()", mine.dumps_ms, theirs.dumps_ms);
  IPCLAB_EXPECT(theirs.loads_ms >= 0.25 * mine.loads_ms)
      << explain("loads()", mine.loads_ms, theirs.loads_ms);
}

}  // namespace
}  // namespace serial
