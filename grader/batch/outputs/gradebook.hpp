#pragma once
// The gradebook: gradebook.csv of a batch, in the layout an LMS imports.
//   generic  student, one column per exercise, total, max_total, error
//   canvas   Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID,
//            Section, then one column per exercise (an assignment each), with
//            a "Points Possible" row under the header
//   moodle   Moodle's grade import: username, idnumber, email (the identifier
//            columns its import maps to a user field), then one column per
//            exercise (each mapped to a grade item)

#include <optional>
#include <ostream>
#include <string>

#include "model/class_grades.hpp"
#include "model/course.hpp"
#include "model/student_identity.hpp"

namespace grader {

enum class GradebookLayout { generic, canvas, moodle };

/// "canvas" -> canvas, ...; nullopt for anything else.
std::optional<GradebookLayout> gradebook_layout(const std::string& name);

/// Writes the gradebook of `grades` for the exercises of `course` in `layout`,
/// one row per student in the order of `grades`; `identities` (from the
/// roster) fill the LMS's identifier columns, and a student without one is
/// identified by their batch name. RFC 4180: CRLF line ends, fields with , "
/// CR LF quoted, quotes doubled. Free-text cells (names, sections, errors)
/// starting with = + - @ (or tab, CR) get a leading ' so that a spreadsheet
/// never runs them as formulas; identifiers (logins, ids, the batch name) are
/// changed only when they start with '=' (always a formula, never a login),
/// or "-anna" would match no LMS user. In the LMS layouts an exercise whose score is incomplete
/// (an unresolved test) or missing is left empty, which the LMS imports as "no
/// change". Throws only what `out` throws.
void write_gradebook_csv(const Course& course, const ClassGrades& grades, std::ostream& out,
                         GradebookLayout layout = GradebookLayout::generic,
                         const StudentIdentities& identities = {});

}  // namespace grader
