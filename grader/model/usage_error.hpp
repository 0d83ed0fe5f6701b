#pragma once
// A mistake in how the grader was called: a bad option or argument, an
// unknown exercise, a bad assignments.yaml (ConfigError is one). Thrown where
// it is found, caught once, in main(): "grader: error: <what()>" on stderr
// and exit code 2 (kUsageError).

#include <stdexcept>

namespace grader {

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace grader
