#include "harness/outcome.hpp"

#include <gtest/gtest.h>

namespace ipclab::harness {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::failed: return "failed";
    case Outcome::timed_out: return "timed_out";
    case Outcome::crashed: return "crashed";
    case Outcome::output_limit: return "output_limit";
    case Outcome::unresolved: return "unresolved";
  }
  return "failed";
}

void abort_test(Outcome outcome, const std::string& message) {
  ::testing::Test::RecordProperty(kOutcomeProperty, outcome_name(outcome));
  ADD_FAILURE() << message;
  throw TestAborted{};
}

}  // namespace ipclab::harness
