#pragma once
// Hints chosen by what happened: a test may carry several, each for one kind
// of failure (an outcome, a word of the harness's diagnosis), and its topic
// hint for the rest.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/outcome.hpp"

namespace grader {

/// A hint for one kind of failure. It applies when the test's outcome is
/// `outcome` (any outcome when unset) and its message contains `message`
/// (ignoring case; any message when empty).
struct KeyedHint {
  std::optional<Outcome> outcome;
  std::string message;
  std::string hint;

  /// True when this hint is about a failure with `outcome` and `text`.
  bool applies(Outcome outcome, std::string_view text) const;
};

/// The first of `keyed` that applies to the failure, else `topic`.
std::string hint_for(const std::vector<KeyedHint>& keyed, const std::string& topic, Outcome outcome,
                     std::string_view message);

}  // namespace grader
