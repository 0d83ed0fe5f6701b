#pragma once
// What building and running produced, before scoring.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "model/outcome.hpp"

namespace grader {

/// One compiler message about a student file.
struct Diagnostic {
  std::string file;  ///< as the student knows it: "pipe_ping_pong/connection.cpp"
  int line = 0;
  int column = 0;
  std::string severity;  ///< "error", "warning" or "note"
  std::string message;
  /// The function the compiler named around it ("In member function 'void
  /// Queue::put(...)'"), "" when it named none.
  std::string context;
  /// Where the compiler reported it when that was inside a template the
  /// student's line instantiated ("/usr/include/c++/12/variant:1145:42");
  /// "" when `file` is where it was reported.
  std::string origin;
};

struct BuildResult {
  std::string exercise_id;
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
  std::string log;                 ///< the compiler output, capped (shown when nothing was parsed)
  std::vector<std::string> notes;  ///< e.g. "connection.cpp was missing: graded the starter file"
  std::filesystem::path driver;    ///< the student driver, when ok
  /// The AddressSanitizer + UBSan build of the driver, when a selected test
  /// asked for it and it built ("" otherwise).
  std::filesystem::path sanitized_driver;
  std::chrono::milliseconds duration{0};
};

/// The build of exercise `exercise_id` in `builds`, or null when it was not
/// built (not selected).
inline const BuildResult* find_build(const std::vector<BuildResult>& builds,
                                     const std::string& exercise_id) {
  for (const BuildResult& build : builds) {
    if (build.exercise_id == exercise_id) return &build;
  }
  return nullptr;
}

/// One run of one test.
struct TrialResult {
  Outcome outcome = Outcome::unresolved;
  std::string message;
  std::chrono::milliseconds duration{0};
  std::vector<std::string> notes;  ///< leaks and leftovers found after the run
};

/// A test with all its trials.
struct TestResult {
  std::string exercise_id;
  std::string test_id;
  std::vector<TrialResult> trials;
  int trials_planned = 1;
  std::string rerun;  ///< the command that reruns it outside the grader
};

}  // namespace grader
