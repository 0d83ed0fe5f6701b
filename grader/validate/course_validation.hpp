#pragma once
// `grader validate`: what the loader cannot see from assignments.yaml alone --
// that it agrees with the harnesses, the model answers and the reference
// implementations. Pure: the harness listings and the file system come in as
// parameters.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/course.hpp"

namespace grader {

/// The tests of a `--gtest_list_tests` listing as "Suite.name", in order
/// (parameter comments and DISABLED_ tests left out).
std::vector<std::string> parse_gtest_list(const std::string& listing);

struct HarnessListing {
  std::string exercise_id;
  std::vector<std::string> tests;  ///< "Suite.name"
};

using FileExists = std::function<bool(const std::filesystem::path&)>;

/// One line per problem, each naming where it is and how to fix it; empty when
/// the course is consistent. Checks that every declared test has a harness
/// test <exercise>.<test>, every harness test is declared, and every student
/// file has a model answer (solutions/) and a reference (reference/).
std::vector<std::string> consistency_problems(const Course& course,
                                              const std::vector<HarnessListing>& harnesses,
                                              const FileExists& exists);

/// One line per problem of the contract tables, each at its file:line:col: a
/// clause that names no test, a clause naming a test its exercise does not
/// have, and -- once the course keeps contract tables at all (`contracts` not
/// empty) -- an exercise without one. Empty when every clause is checked.
std::vector<std::string> contract_problems(const Course& course,
                                           const std::vector<ContractSpec>& contracts);

}  // namespace grader
