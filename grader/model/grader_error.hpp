#pragma once
// The grader could not do its job (a missing kit, a workspace that does not
// configure, a file it cannot write). Caught once, in main(): exit code 4
// (kCouldNotGrade).
// A student's mistakes are never GraderErrors: they are outcomes.

#include <stdexcept>

namespace grader {

class GraderError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace grader
