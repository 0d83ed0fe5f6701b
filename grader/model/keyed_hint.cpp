#include "model/keyed_hint.hpp"

#include <algorithm>
#include <cctype>

namespace grader {
namespace {

bool contains_ignoring_case(std::string_view text, std::string_view word) {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(text.begin(), text.end(), word.begin(), word.end(), same) != text.end();
}

}  // namespace

bool KeyedHint::applies(Outcome failure, std::string_view text) const {
  if (outcome && *outcome != failure) return false;
  return message.empty() || contains_ignoring_case(text, message);
}

std::string hint_for(const std::vector<KeyedHint>& keyed, const std::string& topic, Outcome outcome,
                     std::string_view message) {
  for (const KeyedHint& hint : keyed) {
    if (hint.applies(outcome, message)) return hint.hint;
  }
  return topic;
}

}  // namespace grader
