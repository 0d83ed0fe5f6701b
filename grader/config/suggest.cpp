#include "config/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace grader {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // The optimal string alignment distance: insertions, deletions,
  // substitutions and swaps of two neighbours ("titel" -> "title") cost 1.
  // Three rows of the table: two back for swaps, one back, and the current.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: a megabyte-long
    // word is not compared letter by letter with a ten-letter one.
    std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                     : candidate.size() - word.size();
    if (gap >= best_distance) continue;
    std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string alternatives(std::string_view word, const std::vector<std::string>& candidates,
                         std::string_view label) {
  if (std::optional<std::string> match = closest_match(word, candidates)) {
    return fmt::format(" (did you mean '{}'?)", *match);
  }
  return fmt::format(" ({}: {})", label, join(candidates));
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words)
    text += (text.empty() ? "" : ", ") + word;
  return text;
}

}  // namespace grader
