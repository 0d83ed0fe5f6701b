// Serialization: hidden robustness tests. The student's loads() runs in the
// AddressSanitizer + UBSan build (`sanitize: true`) on malformed input: every
// strict prefix of the golden vectors, byte flips, oversize lengths, CPython's
// bad pickles, then a seeded random fuzz phase bounded in time. On each input
// it must agree with the reference: the same value, or UnpicklingError.
#include <gtest/gtest.h>

#include <chrono>

#include "corpus.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "harness/sanitizer_report.hpp"
#include "opcodes.hpp"
#include "serial.hpp"

namespace serial {
namespace {

using ipclab::harness::ScopedContext;

/// True when the student's loads() of `input` agrees with the reference's;
/// otherwise records a failure that shows the input.
bool agree(Driver& student, Driver& reference, const Case& input) {
  Reply want = loads(reference, input.data);
  Reply got = loads(student, input.data);
  if (want.ok) {
    IPCLAB_EXPECT(got.ok && got.word(0) == want.word(0))
        << trf("loads({}) -- {} -- must return {}, but it {}", show(input.data, 80), input.origin,
               brief(want.word(0)), outcome_text(got));
    return got.ok && got.word(0) == want.word(0);
  }
  std::string advice = got.kind == "MemoryError"
                           ? tr(" -- it allocated what a length field announced before "
                                "checking it against the bytes left")
                           : "";
  IPCLAB_EXPECT(got.kind == "UnpicklingError")
      << trf("loads({}) -- {} -- must throw UnpicklingError ({}), but it {}", show(input.data, 80),
             input.origin, want.message, outcome_text(got))
      << advice;
  return got.kind == "UnpicklingError";
}

TEST(serialization, decoder_robustness) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  const std::vector<Case> corpus = robustness_corpus();
  ipclab::harness::report_sanitizer_deaths(student, kStudentFiles, [&] {
    for (const Case& input : corpus) {
      ScopedContext context(trf("loads({}) -- {}", show(input.data, 80), input.origin));
      if (!agree(student, reference, input)) return;  // one input, explained, is enough
    }
  });
}

TEST(serialization, decoder_fuzz) {
  constexpr std::uint64_t kSeed = 4242;
  constexpr auto kBudget = std::chrono::seconds(5);
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  std::mt19937_64 rng(kSeed);
  const auto deadline = std::chrono::steady_clock::now() + kBudget;
  ipclab::harness::report_sanitizer_deaths(student, kStudentFiles, [&] {
    for (int n = 1; n <= 12000 && std::chrono::steady_clock::now() < deadline; ++n) {
      Case input = random_case(rng);
      input.origin += trf(" (fuzz case {}, seed {})", n, kSeed);
      ScopedContext context(trf("loads({}) -- {}", show(input.data, 80), input.origin));
      if (!agree(student, reference, input)) return;
    }
  });
}

}  // namespace
}  // namespace serial
