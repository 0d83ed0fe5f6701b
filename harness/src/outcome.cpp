#include "harness/outcome.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ipclab::harness {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::failed:
      return "failed";
    case Outcome::timed_out:
      return "timed_out";
    case Outcome::crashed:
      return "crashed";
    case Outcome::output_limit:
      return "output_limit";
    case Outcome::unresolved:
      return "unresolved";
  }
  return "failed";
}

namespace {
std::vector<std::string>& contexts() {
  static std::vector<std::string> stack;
  return stack;
}
}  // namespace

ScopedContext::ScopedContext(std::string what) {
  contexts().push_back(std::move(what));
}
ScopedContext::~ScopedContext() {
  contexts().pop_back();
}

void abort_test(Outcome outcome, const std::string& message) {
  ::testing::Test::RecordProperty(kOutcomeProperty, outcome_name(outcome));
  if (contexts().empty())
    ADD_FAILURE() << message;
  else
    ADD_FAILURE() << contexts().back() << ": " << message;
  throw TestAborted{};
}

}  // namespace ipclab::harness
