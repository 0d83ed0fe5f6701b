#include "config/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace grader {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the classic table at a time: row[j] is the distance between
  // the first i characters of `a` and the first j of `b`.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
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
