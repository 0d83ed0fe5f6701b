// Serialization: hidden interoperability tests with Python's own pickle
// module, both ways. They need python3 on the grading machine (see
// python_peer.hpp); without it they are skipped with the reason, which the
// grader reports as "not run" -- they never pass silently and earn nothing.
#include <gtest/gtest.h>

#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "opcodes.hpp"
#include "python_peer.hpp"
#include "serial.hpp"

namespace serial {
namespace {

using ipclab::harness::ScopedContext;

/// The golden values dumps() writes, and seeded random ones, canonical.
std::vector<std::string> interop_values(Driver& reference) {
  std::vector<std::string> values;
  for (const Golden& vector : golden_vectors()) {
    if (vector.kind != Golden::Kind::loads_only) values.push_back(vector.value);
  }
  std::mt19937_64 rng(2024);
  for (int i = 0; i < 120; ++i)
    values.push_back(canonical(reference, random_value(rng)));
  return values;
}

#define SERIAL_START_PYTHON(python)              \
  std::string why_not;                           \
  auto python = PythonPeer::start(&why_not);     \
  if (!python) {                                 \
    GTEST_SKIP() << trf("not run: {}", why_not); \
  }

TEST(serialization, python_reads_your_pickles) {
  SERIAL_START_PYTHON(python);
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const std::string& value : interop_values(reference)) {
    ScopedContext context(trf("the value {}", brief(value)));
    Bytes mine = dumped(student, value);
    std::string reply = python->call("loads " + ipclab::to_hex(mine));
    IPCLAB_EXPECT(reply == "ok " + value)
        << (reply.rfind("ok ", 0) == 0
                ? trf("Python's pickle.loads() ({}) must read what dumps({}) wrote, {}, as that "
                      "value, but it read {}",
                      python->description(), brief(value), show(mine), brief(reply.substr(3)))
                : trf("Python's pickle.loads() ({}) must read what dumps({}) wrote, {}, as that "
                      "value, but it said: {}",
                      python->description(), brief(value), show(mine), reply));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(serialization, your_loads_reads_python) {
  SERIAL_START_PYTHON(python);
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const std::string& value : interop_values(reference)) {
    for (const char* command : {"dumps", "dumps_unframed"}) {
      std::string reply = python->call(std::string(command) + " " + value);
      if (reply.rfind("ok ", 0) != 0) {
        ipclab::harness::abort_test(
            ipclab::harness::Outcome::unresolved,
            trf("Python could not pickle the test's value {}: {}", brief(value), reply));
      }
      Bytes python_bytes = ipclab::from_hex(reply.substr(3));
      Reply read = loads(student, python_bytes);
      IPCLAB_EXPECT(read.ok && read.word(0) == value)
          << (std::string(command) == "dumps"
                  ? trf("loads() of what Python's pickle.dumps({}, protocol=4) writes, {}, {}",
                        brief(value), show(python_bytes), outcome_text(read))
                  : trf("loads() of what Python's pickle.dumps({}, protocol=4) writes (with its "
                        "FRAME opcodes removed), {}, {}",
                        brief(value), show(python_bytes), outcome_text(read)))
          << identity_hint(read.ok ? read.word(0) : "", value);
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace serial
