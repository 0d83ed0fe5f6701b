#include "selftest/mutant.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace grader {
namespace {

/// The start of the line holding `offset`.
std::size_t line_start(const std::string& text, std::size_t offset) {
  std::size_t newline = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  return newline == std::string::npos ? 0 : newline + 1;
}

/// Just past the end (its newline included) of the line holding `offset`.
std::size_t line_end(const std::string& text, std::size_t offset) {
  std::size_t newline = text.find('\n', offset);
  return newline == std::string::npos ? text.size() : newline + 1;
}

int line_number(const std::string& text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace

std::string Mutant::name() const {
  return fmt::format("{}/{}:{} {}", exercise_id, edit.file, line, op);
}

Mutant make_mutant(const std::string& exercise_id, const std::string& file, const std::string& text,
                   const MutationSite& site) {
  std::size_t begin = line_start(text, site.offset);
  std::size_t end = line_end(text, site.offset + site.length);
  // Whole lines read well in a diff; widen them until they name one place.
  for (bool below = true; occurrences(text, text.substr(begin, end - begin)) != 1; below = !below) {
    if (begin == 0 && end == text.size()) throw EditError(file + ": no unique text to edit");
    if ((below && end < text.size()) || begin == 0) {
      end = line_end(text, end);
    } else {
      begin = line_start(text, begin - 1);
    }
  }
  std::string find = text.substr(begin, end - begin);
  std::string replace = find;
  replace.replace(site.offset - begin, site.length, site.replacement);
  return {exercise_id, {file, find, replace}, line_number(text, site.offset), site.op};
}

std::vector<Mutant> without_duplicates(const std::vector<Mutant>& mutants,
                                       const std::map<std::string, std::string>& base) {
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<Mutant> kept;
  for (const Mutant& mutant : mutants) {
    std::string result = apply_edit(base.at(mutant.edit.file), mutant.edit);
    if (seen.insert({mutant.edit.file, std::move(result)}).second) kept.push_back(mutant);
  }
  return kept;
}

}  // namespace grader
