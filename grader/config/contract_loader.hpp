#pragma once
// The contract tables: tests/contracts/<exercise>.yaml lists every documented
// behaviour and error of the exercise's provided header with the tests that
// check it:
//
//   header: connection.hpp
//   clauses:
//     - id: eof_is_not_a_message
//       text: recv_bytes() throws EndOfStream when the other end is closed
//       tests: [end_of_stream, closed_connection]

#include <filesystem>
#include <vector>

#include "model/contract.hpp"
#include "model/course.hpp"

namespace grader {

/// Reads one table. Throws ConfigError ("tests/contracts/x.yaml:LINE:COL:
/// ...") when the file is named after no exercise of `course`, a key is
/// unknown, repeated or missing, the header is not in exercises/<id>/, a
/// clause id is not an identifier or repeats, a text is empty, or `tests` is
/// not a list of ids. Whether the tests exist is left to
/// contract_problems() (validate/course_validation.hpp), which reports every one.
ContractSpec load_contract(const std::filesystem::path& file, const Course& course);

/// Every tests/contracts/*.yaml of the course, sorted by name; empty when the
/// folder does not exist (a student release has none). Throws like load_contract.
std::vector<ContractSpec> load_contracts(const Course& course);

}  // namespace grader
