#include "batch/roster.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "batch/student_name.hpp"
#include "config/config_error.hpp"

namespace grader {
namespace {

/// The fields of one CSV record (RFC 4180 quoting); nullopt for an
/// unterminated quote.
std::optional<std::vector<std::string>> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  return fields;
}

std::string trimmed(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool is_header(const std::vector<std::string>& fields) {
  return fields.size() == 2 && trimmed(fields[0]) == "student" && trimmed(fields[1]) == "path";
}

}  // namespace

std::vector<RosterEntry> parse_roster(const std::string& text, const std::string& name,
                                      const std::filesystem::path& base) {
  std::vector<RosterEntry> entries;
  std::map<std::string, int> first_lines;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto fail = [&](const std::string& what) { throw ConfigError({name, number, 0}, what); };
    if (trimmed(line).empty() || trimmed(line).front() == '#') continue;
    auto fields = split_csv(line);
    if (!fields) fail("unterminated quote: close it with \"");
    if (entries.empty() && first_lines.empty() && is_header(*fields)) continue;
    if (fields->size() != 2) {
      fail(fmt::format("expected 2 fields (student,path), got {}", fields->size()));
    }
    RosterEntry entry{trimmed((*fields)[0]), trimmed((*fields)[1]), number};
    if (std::string why = student_name_problem(entry.student); !why.empty()) fail(why);
    if (entry.path.empty()) fail("the path of '" + entry.student + "' is empty");
    if (entry.path.is_relative()) entry.path = base / entry.path;
    auto [first, inserted] = first_lines.emplace(entry.student, number);
    if (!inserted) {
      fail(fmt::format("student '{}' is listed twice (first on line {})", entry.student,
                       first->second));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<RosterEntry> read_roster(const std::filesystem::path& csv) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) throw ConfigError({csv.string(), 0, 0}, "cannot read the roster");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_roster(text.str(), csv.string(), std::filesystem::absolute(csv).parent_path());
}

}  // namespace grader
