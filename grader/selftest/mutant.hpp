#pragma once
// A mutant: the model answer with one small, machine-made change (a flipped
// comparison, a deleted call, a timeout set to zero...), stored as the same
// exact edit a mistake uses. If the hidden tests still pass it, they do not
// check what the change broke.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "model/source_edit.hpp"

namespace grader {

/// One place the parser found to change, as offsets in the file's text.
struct MutationSite {
  std::size_t offset = 0;   ///< where the replaced text starts
  std::size_t length = 0;   ///< how many bytes it has
  std::string replacement;  ///< what it becomes
  std::string op;           ///< the operator: "relational", "delete_call", ...
};

struct Mutant {
  std::string exercise_id;
  SourceEdit edit;  ///< whole lines of the model answer, unique in its file
  int line = 0;     ///< 1-based line of the change
  std::string op;   ///< see MutationSite::op

  /// "pipe_ping_pong/connection.cpp:42 relational"
  std::string name() const;
};

/// The mutant `site` makes of `text` (the content of `file`): the find text
/// is the lines the site touches, widened a line at a time (below, then
/// above) until it occurs exactly once. Throws EditError when even the whole
/// file does not make it unique (it always does: the whole text occurs once).
Mutant make_mutant(const std::string& exercise_id, const std::string& file, const std::string& text,
                   const MutationSite& site);

/// `mutants` without the ones that make the same file as an earlier one
/// (`base`: the model answer's files, name -> content), in order.
std::vector<Mutant> without_duplicates(const std::vector<Mutant>& mutants,
                                       const std::map<std::string, std::string>& base);

}  // namespace grader
