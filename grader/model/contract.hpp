#pragma once
// An exercise's contract table (tests/contracts/<exercise>.yaml): every
// behaviour and error its provided header documents, each with the tests that
// check it. Loaded by config/contract_loader; checked against the course by
// ci/course_validation (`grader validate`).

#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// A test id as written in a clause's `tests:` list.
struct ContractTest {
  std::string id;
  SourceLocation where;
};

/// One documented behaviour or error: "recv_bytes() throws EndOfStream when...".
struct ContractClause {
  std::string id;                   ///< unique within the table
  std::string text;                 ///< the behaviour, in the header's words
  std::vector<ContractTest> tests;  ///< may be empty here: validation reports it
  SourceLocation where;             ///< the clause's `id:`
};

struct ContractSpec {
  std::string exercise_id;  ///< the file's name without .yaml
  std::string header;       ///< the provided header tabulated, in exercises/<id>/
  std::vector<ContractClause> clauses;
  SourceLocation where;  ///< the file
};

}  // namespace grader
