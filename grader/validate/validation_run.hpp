#pragma once
// One `grader validate` run: the kit's harnesses listed, then every check of
// the course (consistency, mistakes, contract tables, texts, equivalent
// mutants) gathered into one list of problems.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "exec/process_runner.hpp"
#include "model/course.hpp"
#include "validate/course_validation.hpp"
#include "workspace/kit.hpp"

namespace grader {

/// The tests the kit's harness of `exercise_id` declares (its
/// `--gtest_list_tests`). Throws GraderError when the kit has no such harness
/// or it fails to list them.
HarnessListing list_harness(ipclab::exec::ProcessRunner& runner, const Kit& kit,
                            const std::string& exercise_id);

struct ValidationSummary {
  std::vector<std::string> problems;  ///< one line each; empty: the course is valid
  std::vector<std::string> ids;       ///< the exercises whose harnesses were checked
  std::size_t exercises = 0;          ///< in the whole course
  std::size_t tests = 0;              ///< in the whole course
  std::size_t mistakes = 0;
  std::size_t clauses = 0;  ///< contract clauses
};

/// Validates the exercises `ids` (empty: all) of `course` against `kit`'s
/// harnesses. A note on what could not be checked goes to `notes`.
ValidationSummary validate_course(const Course& course, const Kit& kit,
                                  ipclab::exec::ProcessRunner& runner, std::vector<std::string> ids,
                                  std::ostream& notes);

/// "assignments.yaml is valid: ..." with the figures of `summary`, a line.
std::string validity_line(const ValidationSummary& summary);

}  // namespace grader
