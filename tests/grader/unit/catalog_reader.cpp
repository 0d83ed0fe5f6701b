#include "catalog_reader.hpp"

#include <fstream>
#include <stdexcept>

namespace grader::fixtures {
namespace {

/// The C string literal `quoted` ("a\"b\n") as text.
std::string unquoted(const std::string& quoted) {
  std::string text;
  const std::size_t end = quoted.rfind('"');
  for (std::size_t i = quoted.find('"') + 1; i < end; ++i) {
    if (quoted[i] != '\\' || i + 1 >= end) {
      text += quoted[i];
      continue;
    }
    const char escaped = quoted[++i];
    text += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
  }
  return text;
}

/// The field a line starts ("msgid", "msgstr[0]"), or "" for a continuation.
std::string keyword_of(const std::string& line) {
  const std::size_t space = line.find(' ');
  return line.empty() || line[0] == '"' || space == std::string::npos ? "" : line.substr(0, space);
}

void add(std::vector<CatalogEntry>& entries, CatalogEntry& entry) {
  if (!entry.english.empty()) entries.push_back(entry);
  entry = {};
}

}  // namespace

std::vector<CatalogEntry> read_catalog(const std::filesystem::path& po_file) {
  std::ifstream in(po_file);
  if (!in) throw std::runtime_error("cannot read " + po_file.string());
  std::vector<CatalogEntry> entries;
  CatalogEntry entry;
  bool has_translation = false;  // the entry is complete: a msgid starts the next
  std::string* field = nullptr;  // what a continuation line adds to
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') {
      field = nullptr;
      continue;
    }
    const std::string keyword = keyword_of(line);
    if ((keyword == "msgctxt" || keyword == "msgid") && has_translation) {
      add(entries, entry);
      has_translation = false;
    }
    if (keyword == "msgctxt") field = &entry.context;
    if (keyword == "msgid") field = &entry.english;
    if (keyword == "msgid_plural" || keyword == "msgstr[1]") field = nullptr;
    if (keyword == "msgstr" || keyword == "msgstr[0]") {
      field = &entry.translation;
      has_translation = true;
    }
    if (field != nullptr) *field += unquoted(line);
  }
  add(entries, entry);
  return entries;
}

}  // namespace grader::fixtures
