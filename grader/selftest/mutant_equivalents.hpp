#pragma once
// tests/mutants/<exercise>/equivalent.yaml: the mutants no test can tell
// apart from the model answer, each with the reason why.
//
//   equivalent:
//     - reason: kMaxMessage is 1 GiB; no test sends one byte more
//       edits:
//         - file: connection.cpp
//           find: "  if (length > kMaxMessage) throw ...\n"
//           replace: "  if (length >= kMaxMessage) throw ...\n"
//
// They are not graded and count apart. `grader validate` checks each edit
// still applies exactly once, and (with libclang) that the generator still
// makes it: an entry that stops matching a mutant is stale, not silent.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "selftest/mutant.hpp"

namespace grader {

struct EquivalentMutant {
  SourceEdit edit;
  std::string reason;
  SourceLocation where;  ///< the entry in equivalent.yaml
};

/// The entries of `exercise`'s equivalent.yaml in `course`; empty when it has
/// none. Throws ConfigError (file:line:col) for a malformed entry or an edit
/// that does not apply exactly once to the model answer.
std::vector<EquivalentMutant> load_equivalent_mutants(const Course& course,
                                                      const ExerciseSpec& exercise);

/// True when `mutant` makes the same file as `equivalent` (`base`: the model
/// answer's files), whatever lines either edit quotes.
bool same_change(const Mutant& mutant, const EquivalentMutant& equivalent,
                 const std::map<std::string, std::string>& base);

/// One "file:line:col: ..." problem for each of `equivalents` that none of
/// `mutants` makes.
std::vector<std::string> stale_equivalents(const std::vector<EquivalentMutant>& equivalents,
                                           const std::vector<Mutant>& mutants,
                                           const std::map<std::string, std::string>& base);

/// What `grader validate` reports about the equivalent.yaml of each of
/// `exercise_ids`: its ConfigError, or its stale entries (checked only when
/// `generate` is set: it makes an exercise's mutants, and needs libclang).
std::vector<std::string> equivalent_problems(
    const Course& course, const std::vector<std::string>& exercise_ids,
    const std::function<std::vector<Mutant>(const ExerciseSpec&)>& generate);

}  // namespace grader
