#include "model/source_edit.hpp"

#include <fmt/format.h>

namespace grader {
namespace {

/// `text` split after each newline; a last line without one is kept.
std::vector<std::string_view> lines_with_endings(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return lines;
}

/// Each line of `text` with `mark` in front, each ending in a newline.
std::string marked(std::string_view text, char mark) {
  std::string out;
  for (std::string_view line : lines_with_endings(text)) {
    out += mark;
    out += line;
    if (line.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace

std::size_t occurrences(std::string_view text, std::string_view find) {
  if (find.empty()) return 0;
  std::size_t count = 0;
  for (std::size_t at = text.find(find); at != std::string_view::npos; at = text.find(find, at + 1))
    ++count;
  return count;
}

std::string apply_edit(const std::string& text, const SourceEdit& edit) {
  const std::size_t count = occurrences(text, edit.find);
  if (edit.find.empty())
    throw EditError(fmt::format("an edit of {} has an empty 'find'", edit.file));
  if (count != 1) {
    throw EditError(fmt::format(
        "the 'find' text of an edit occurs {} times in {} (it must occur exactly once: {})", count,
        edit.file, count == 0 ? "update it to the model answer" : "add context around it"));
  }
  std::string out = text;
  out.replace(out.find(edit.find), edit.find.size(), edit.replace);
  return out;
}

std::map<std::string, std::string> apply_edits(std::map<std::string, std::string> files,
                                               const std::vector<SourceEdit>& edits) {
  for (const SourceEdit& edit : edits) {
    auto it = files.find(edit.file);
    if (it == files.end())
      throw EditError(fmt::format("an edit names no file here: {}", edit.file));
    it->second = apply_edit(it->second, edit);
  }
  return files;
}

std::string edit_diff(const std::string& text, const SourceEdit& edit) {
  const std::size_t at = text.find(edit.find);
  if (at == std::string::npos) return "";
  const std::size_t begin =
      text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  std::size_t end = text.find('\n', at + edit.find.size() - (edit.find.back() == '\n' ? 1 : 0));
  end = end == std::string::npos ? text.size() : end + 1;
  const std::string before = text.substr(begin, end - begin);
  std::string after = before;
  after.replace(at - begin, edit.find.size(), edit.replace);
  return marked(before, '-') + marked(after, '+');
}

}  // namespace grader
