#pragma once
// "Did you mean ...?": the closest of a few known words to a misspelt one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// The Levenshtein distance: single-character insertions, deletions and
/// substitutions needed to turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// at most max(1, word.size() / 3) edits away. The first one wins a tie.
/// Never returns a candidate that is merely the nearest of unrelated words.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// The alternatives to an unknown `word`, for the end of a message:
/// " (did you mean 'x'?)" when closest_match finds one, else
/// " (<label>: a, b, c)" listing every candidate.
std::string alternatives(std::string_view word, const std::vector<std::string>& candidates,
                         std::string_view label);

/// "a, b, c".
std::string join(const std::vector<std::string>& words);

}  // namespace grader
