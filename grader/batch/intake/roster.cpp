#include "batch/intake/roster.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "batch/intake/student_name.hpp"
#include "config/config_error.hpp"
#include "config/suggest.hpp"
#include "host/file_contents.hpp"

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

std::string trimmed_field(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool is_header(const std::vector<std::string>& fields) {
  return fields.size() >= 2 && trimmed_field(fields[0]) == "student" &&
         trimmed_field(fields[1]) == "path";
}

const std::vector<std::string>& identity_columns() {
  static const std::vector<std::string> columns = {"name", "sis_user_id", "sis_login_id", "section",
                                                   "email"};
  return columns;
}

/// The identity columns a header names after student,path. Throws
/// ConfigError on an unknown or repeated column.
std::vector<std::string> header_columns(const std::vector<std::string>& fields,
                                        const std::string& name, int line) {
  std::vector<std::string> columns;
  for (std::size_t i = 2; i < fields.size(); ++i) {
    const std::string column = trimmed_field(fields[i]);
    const auto& known = identity_columns();
    if (std::find(known.begin(), known.end(), column) == known.end()) {
      throw ConfigError({name, line, 0}, "unknown roster column '" + column + "'" +
                                             alternatives(column, known, "known columns"));
    }
    if (std::find(columns.begin(), columns.end(), column) != columns.end())
      throw ConfigError({name, line, 0}, "roster column '" + column + "' is given twice");
    columns.push_back(column);
  }
  return columns;
}

void set_identity(StudentIdentity& identity, const std::string& column, std::string value) {
  if (column == "name") identity.name = std::move(value);
  if (column == "sis_user_id") identity.sis_user_id = std::move(value);
  if (column == "sis_login_id") identity.sis_login_id = std::move(value);
  if (column == "section") identity.section = std::move(value);
  if (column == "email") identity.email = std::move(value);
}

}  // namespace

std::vector<RosterEntry> parse_roster(const std::string& text, const std::string& name,
                                      const std::filesystem::path& base) {
  std::vector<RosterEntry> entries;
  std::map<std::string, int> first_lines;
  std::vector<std::string> columns;  // the identity columns after student,path
  std::istringstream in(text);
  std::string line;
  bool first = true;
  for (int number = 1; std::getline(in, line); ++number) {
    auto fail = [&](const std::string& what) { throw ConfigError({name, number, 0}, what); };
    if (trimmed_field(line).empty() || trimmed_field(line).front() == '#') continue;
    auto fields = split_csv(line);
    if (!fields) fail("unterminated quote: close it with \"");
    if (std::exchange(first, false) && is_header(*fields)) {
      columns = header_columns(*fields, name, number);
      continue;
    }
    if (fields->size() != 2 + columns.size()) {
      fail(fmt::format("expected {} fields (student,path{}{}), got {}", 2 + columns.size(),
                       columns.empty() ? "" : ",", fmt::join(columns, ","), fields->size()));
    }
    RosterEntry entry{trimmed_field((*fields)[0]), trimmed_field((*fields)[1]), number, {}};
    for (std::size_t i = 0; i < columns.size(); ++i)
      set_identity(entry.identity, columns[i], trimmed_field((*fields)[2 + i]));
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

StudentIdentities roster_identities(const std::vector<RosterEntry>& entries) {
  StudentIdentities identities;
  for (const RosterEntry& entry : entries) {
    const StudentIdentity& id = entry.identity;
    if (id.name.empty() && id.sis_user_id.empty() && id.sis_login_id.empty() &&
        id.section.empty() && id.email.empty())
      continue;
    identities[entry.student] = id;
  }
  return identities;
}

std::vector<RosterEntry> read_roster(const std::filesystem::path& csv) {
  std::optional<std::string> text = ipclab::host::read_file(csv);
  if (!text) throw ConfigError({csv.string(), 0, 0}, "cannot read the roster");
  return parse_roster(*text, csv.string(), std::filesystem::absolute(csv).parent_path());
}

}  // namespace grader
