#include "harness/fold.hpp"

#include <vector>

namespace ipclab::harness {
namespace {

/// `text` cut after each occurrence of `separator` (which stays with the piece before).
std::vector<std::string> cut_after(std::string_view text, std::string_view separator) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string_view::npos;) {
    pieces.emplace_back(text.substr(start, at + separator.size() - 1 - start));
    start = at + separator.size();
  }
  pieces.emplace_back(text.substr(start));
  return pieces;
}

/// The sentences of `text`, those longer than `width` cut at "; " or ", ".
std::vector<std::string> pieces_of(std::string_view text, std::size_t width) {
  std::vector<std::string> pieces;
  for (const std::string& sentence : cut_after(text, ". ")) {
    if (sentence.size() <= width) {
      pieces.push_back(sentence);
      continue;
    }
    for (const std::string& clause : cut_after(sentence, "; ")) {
      std::vector<std::string> parts =
          clause.size() <= width ? std::vector<std::string>{clause} : cut_after(clause, ", ");
      pieces.insert(pieces.end(), parts.begin(), parts.end());
    }
  }
  return pieces;
}

}  // namespace

std::string fold_sentences(std::string_view text, std::size_t width) {
  std::string folded;
  std::size_t line = 0;  // the length of the line being filled
  for (const std::string& piece : pieces_of(text, width)) {
    if (line > 0 && line + 1 + piece.size() > width) {
      folded += "\n";
      line = 0;
    } else if (line > 0) {
      folded += " ";
      ++line;
    }
    folded += piece;
    line += piece.size();
  }
  return folded;
}

}  // namespace ipclab::harness
