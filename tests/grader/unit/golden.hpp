#pragma once
// Golden files: tests/grader/golden/<name>, rewritten with IPCLAB_UPDATE_GOLDEN=1.

#include <string>

namespace grader::fixtures {

/// Expects `actual` to equal the golden file `name` byte for byte (defined in
/// console_reporter_test.cpp).
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace grader::fixtures
