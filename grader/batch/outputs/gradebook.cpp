#include "batch/outputs/gradebook.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "report/report_text.hpp"

namespace grader {
namespace {

/// A cell and whether it is free text (a name, an error) or an identifier or
/// number that must reach the LMS unchanged.
struct Cell {
  std::string text;
  bool free_text = false;
};
using Row = std::vector<Cell>;

Cell text(std::string value) {
  return {std::move(value), true};
}

/// A spreadsheet runs a cell that starts with one of these as a formula
/// (OWASP "CSV injection"): free-text cells get a leading apostrophe. An
/// identifier must reach the LMS unchanged ("-anna" is a login), so it gets
/// one only when it starts with '=', which is always a formula and never a
/// login.
bool formula_like(const Cell& cell) {
  const std::string_view starts = cell.free_text ? "=+-@\t\r" : "=";
  return !cell.text.empty() && starts.find(cell.text.front()) != std::string_view::npos;
}

/// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
std::string field(const Cell& cell) {
  std::string value = sanitized_utf8(cell.text);
  if (formula_like({value, cell.free_text})) value = "'" + value;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

void write_row(std::ostream& out, const Row& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i)
    out << (i == 0 ? "" : ",") << field(cells[i]);
  out << "\r\n";
}

bool unresolved(const ExerciseGrade& exercise) {
  for (const TestGrade& test : exercise.tests) {
    if (test.outcome == Outcome::unresolved) return true;
  }
  return false;
}

/// The exercise columns of a row. `complete_only`: leave an exercise with an
/// unresolved test empty (an LMS would import the partial score as final).
void add_scores(Row& row, const Course& course, const StudentGrade& grade, bool complete_only) {
  for (const ExerciseSpec& spec : course.exercises) {
    const ExerciseGrade* exercise = grade.report ? grade.report->exercise(spec.id) : nullptr;
    const bool shown = exercise != nullptr && !(complete_only && unresolved(*exercise));
    row.push_back({shown ? format_points(exercise->score) : ""});
  }
}

void write_generic(const Course& course, const ClassGrades& grades, std::ostream& out) {
  Row header = {{"student"}};
  for (const ExerciseSpec& exercise : course.exercises)
    header.push_back({exercise.id});
  header.insert(header.end(), {{"total"}, {"max_total"}, {"error"}});
  write_row(out, header);
  for (const StudentGrade& grade : grades.students) {
    Row row = {{grade.student}};
    add_scores(row, course, grade, false);
    if (!grade.report) {
      row.insert(row.end(), {{""}, {""}, text(grade.error.empty() ? "not graded" : grade.error)});
    } else {
      // A score the grader could not finish is not a grade to import silently.
      row.insert(
          row.end(),
          {{format_points(grade.report->score)},
           {format_points(grade.report->max_score)},
           text(grade.report->unresolved() ? "incomplete: some tests were unresolved" : "")});
    }
    write_row(out, row);
  }
}

StudentIdentity identity_of(const std::string& student, const StudentIdentities& identities) {
  auto found = identities.find(student);
  return found == identities.end() ? StudentIdentity{} : found->second;
}

/// Canvas matches a row to a user by ID, SIS User ID or SIS Login ID; the
/// batch name stands in for the login when the roster gives neither id.
void write_canvas(const Course& course, const ClassGrades& grades, std::ostream& out,
                  const StudentIdentities& identities) {
  Row header = {{"Student"}, {"ID"}, {"SIS User ID"}, {"SIS Login ID"}, {"Section"}};
  Row points = {{"Points Possible"}, {""}, {""}, {""}, {""}};
  for (const ExerciseSpec& exercise : course.exercises) {
    header.push_back(text(exercise.id));
    points.push_back({format_points(exercise.max_points())});
  }
  write_row(out, header);
  write_row(out, points);
  for (const StudentGrade& grade : grades.students) {
    StudentIdentity id = identity_of(grade.student, identities);
    if (id.sis_user_id.empty() && id.sis_login_id.empty()) id.sis_login_id = grade.student;
    Row row = {text(id.name.empty() ? grade.student : id.name),
               {""},
               {id.sis_user_id},
               {id.sis_login_id},
               text(id.section)};
    add_scores(row, course, grade, true);
    write_row(out, row);
  }
}

/// Moodle's import maps one identifier column to a user field: username
/// (the batch name when the roster gives no login), idnumber or email.
void write_moodle(const Course& course, const ClassGrades& grades, std::ostream& out,
                  const StudentIdentities& identities) {
  Row header = {{"username"}, {"idnumber"}, {"email"}};
  for (const ExerciseSpec& exercise : course.exercises)
    header.push_back(text(exercise.id));
  write_row(out, header);
  for (const StudentGrade& grade : grades.students) {
    const StudentIdentity id = identity_of(grade.student, identities);
    Row row = {
        {id.sis_login_id.empty() ? grade.student : id.sis_login_id}, {id.sis_user_id}, {id.email}};
    add_scores(row, course, grade, true);
    write_row(out, row);
  }
}

}  // namespace

std::optional<GradebookLayout> gradebook_layout(const std::string& name) {
  if (name == "generic") return GradebookLayout::generic;
  if (name == "canvas") return GradebookLayout::canvas;
  if (name == "moodle") return GradebookLayout::moodle;
  return std::nullopt;
}

void write_gradebook_csv(const Course& course, const ClassGrades& grades, std::ostream& out,
                         GradebookLayout layout, const StudentIdentities& identities) {
  switch (layout) {
    case GradebookLayout::generic:
      return write_generic(course, grades, out);
    case GradebookLayout::canvas:
      return write_canvas(course, grades, out, identities);
    case GradebookLayout::moodle:
      return write_moodle(course, grades, out, identities);
  }
}

}  // namespace grader
