#pragma once
// The roster: a CSV file mapping students to their submissions, for when the
// submissions are not named by student.
//
//   student,path            (optional header)
//   alice,submissions/a1.zip
//   "Doe, Jane",/srv/hand-in/jdoe
//
// With a header, more columns may say who the student is in the LMS, for
// `grader batch --gradebook canvas|moodle`:
//   student,path,name,sis_user_id,sis_login_id,section,email
// (any of the last five, in any order after student,path; empty cells allowed).
//
// Paths are relative to the roster's folder. Empty lines and lines starting
// with '#' are skipped.

#include <filesystem>
#include <string>
#include <vector>

#include "model/student_identity.hpp"

namespace grader {

struct RosterEntry {
  std::string student;
  std::filesystem::path path;
  int line = 0;
  StudentIdentity identity;
};

/// Reads `csv`. Throws ConfigError ("roster.csv:3: ...") on a malformed line,
/// an invalid student name or a student listed twice.
std::vector<RosterEntry> read_roster(const std::filesystem::path& csv);

/// Parses the text of a roster named `name` whose paths are relative to `base`.
std::vector<RosterEntry> parse_roster(const std::string& text, const std::string& name,
                                      const std::filesystem::path& base);

/// The identities the roster gives, by student (students with none left out).
StudentIdentities roster_identities(const std::vector<RosterEntry>& entries);

}  // namespace grader
