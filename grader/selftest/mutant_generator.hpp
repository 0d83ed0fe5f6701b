#pragma once
// Making mutants: each model answer is parsed with libclang (the exercise's
// provided headers and Boost included, so the AST is complete) and every
// place one of the operators applies becomes a mutant. Code from headers
// (the provided ones, Boost, the standard library) is never mutated.
//
// The operators, as named in each mutant:
//   relational   < <-> <=, > <-> >=, == <-> !=
//   constant     an integer literal +1 and -1
//   size         x.size() +1 and -1
//   delete_call  a call statement deleted (close, unlock, notify, waitpid, ...)
//   delete_lock  a lock guard's declaration deleted
//   notify_one   notify_all() -> notify_one()
//   negate       the condition of an if or while negated
//   drop_check   an if (without else) testing a call's result or errno never taken
//   timeout      a duration set to 0 and to -1 (literals) or to 0 and negated (variables)
//   clock        steady_clock <-> system_clock

#include <filesystem>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "selftest/mutant.hpp"

namespace grader {

/// True when this grader was built with libclang (the Debian package libclang-dev).
bool mutant_parser_available();

/// Why mutants cannot be made in this build, and how to fix it, in one line.
std::string missing_mutant_parser();

/// The places in `text` (the content of `path`) the operators apply to,
/// ordered by offset, parsed with the compiler `arguments`. Throws
/// GraderError when the parser is missing or the file has compile errors.
std::vector<MutationSite> find_mutation_sites(const std::filesystem::path& path,
                                              const std::string& text,
                                              const std::vector<std::string>& arguments);

/// Every mutant of the model answer of `exercise` (solutions/<id>/ in
/// `course`), file by file in the order of student_files, without
/// duplicates. Throws GraderError as find_mutation_sites.
std::vector<Mutant> generate_mutants(const Course& course, const ExerciseSpec& exercise);

}  // namespace grader
