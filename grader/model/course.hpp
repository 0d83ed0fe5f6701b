#pragma once
// The course as the grader sees it once assignments.yaml is loaded and
// validated: plain values with units, nothing left to check.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/keyed_hint.hpp"

namespace grader {

enum class Visibility { visible, hidden };

/// Where a value came from in assignments.yaml, for messages.
struct SourceLocation {
  std::string file;
  int line = 0;    ///< 1-based; 0 when unknown
  int column = 0;  ///< 1-based
};

/// Limits of one test run (the harness and every process it starts).
struct Limits {
  std::chrono::milliseconds timeout{20'000};    ///< wall clock, whole test
  std::chrono::seconds cpu_time{30};            ///< per process (RLIMIT_CPU)
  std::uint64_t memory_bytes = 2ull << 30;      ///< per process address space (RLIMIT_AS)
  std::uint64_t output_bytes = 1ull << 20;      ///< stdout + stderr of the test
  std::uint64_t file_size_bytes = 64ull << 20;  ///< largest file a process may write
  std::uint64_t open_files = 256;               ///< per process
  std::uint64_t processes = 0;                  ///< RLIMIT_NPROC; 0: not set
};

struct TestSpec {
  std::string id;  ///< also the GoogleTest name: <exercise>.<id>
  double points = 1;
  Visibility visibility = Visibility::visible;
  int trials = 1;  ///< passes only if every trial passes
  /// Runs the student's AddressSanitizer + UBSan build instead of the plain one.
  bool sanitize = false;
  /// Runs alone in `grader check` and `grader batch` (also implied by trials > 1; see
  /// is_exclusive() in plan/run_plan.hpp).
  bool exclusive = false;
  Limits limits;
  std::string hint;              ///< shown when the test does not pass (and no keyed hint applies)
  std::vector<KeyedHint> hints;  ///< for particular failures, tried in order before `hint`
  std::string description;       ///< what it checks, one line
  SourceLocation where;
};

struct ExerciseSpec {
  std::string id;
  std::string title;
  std::filesystem::path statement;         ///< relative to the course root
  std::vector<std::string> student_files;  ///< names inside exercises/<id>/
  double build_points = 0;                 ///< earned when the student files compile
  std::vector<TestSpec> tests;
  SourceLocation where;

  /// The exercise's folder relative to the course root: exercises/<id>.
  std::filesystem::path folder() const { return std::filesystem::path("exercises") / id; }
  double max_points() const;
};

/// When Gradescope shows students a hidden test's result, unless
/// assignments.yaml says otherwise (`gradescope: {hidden_tests: ...}`).
inline constexpr const char* kGradescopeHiddenDefault = "after_published";

struct Course {
  std::filesystem::path root;  ///< the folder holding assignments.yaml
  std::string name;
  std::vector<ExerciseSpec> exercises;
  std::string language = "en";         ///< the course's own (`language:`), for batch outputs
  std::vector<std::string> languages;  ///< every text is written in each (`languages:`)
  std::string text_language = "en";    ///< the language its texts were read in, this run
  /// "assignments.yaml:L:C: 'hint' has no 'es' text", one per text lacking a
  /// language; `grader validate` fails on any.
  std::vector<std::string> untranslated;
  /// Gradescope's visibility for hidden tests: hidden, after_due_date,
  /// after_published or visible.
  std::string gradescope_hidden_tests = kGradescopeHiddenDefault;

  /// nullptr when there is no exercise with that id.
  const ExerciseSpec* find(const std::string& id) const;
};

const char* to_string(Visibility visibility);

/// The rule for the ids of exercises, tests and contract clauses, which name
/// folders, CMake targets and GoogleTest tests: [a-z][a-z0-9_]*.
bool is_identifier(const std::string& id);

}  // namespace grader
