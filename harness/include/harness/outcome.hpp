#pragma once
// Ending a test with a precise outcome. A harness test normally fails through
// GoogleTest assertions ("failed"); when a driver hangs, crashes or floods its
// output, the test ends at once with that outcome and a message that says why.

#include <string>

namespace ipclab::harness {

/// `unresolved`: the harness itself could not do its job (misconfigured).
enum class Outcome { failed, timed_out, crashed, output_limit, unresolved };

/// The name used in result records: "failed", "timed_out", ...
const char* outcome_name(Outcome outcome);

/// Thrown by abort_test(); GoogleTest catches it at the end of the test body.
struct TestAborted {};

/// Records `message` as the test's failure with `outcome`, then unwinds the
/// test body by throwing TestAborted.
[[noreturn]] void abort_test(Outcome outcome, const std::string& message);

/// What the test is doing right now, put in front of an abort_test() message:
///   ScopedContext context("a 16 MiB message sent by your code");
/// The innermost context wins; contexts end with their scope.
class ScopedContext {
 public:
  explicit ScopedContext(std::string what);
  ~ScopedContext();
  ScopedContext(const ScopedContext&) = delete;
  ScopedContext& operator=(const ScopedContext&) = delete;
};

/// The property under which abort_test() records the outcome.
inline constexpr const char* kOutcomeProperty = "ipclab_outcome";

}  // namespace ipclab::harness
