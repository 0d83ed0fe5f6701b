#include "report/gradebook.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "report/report_text.hpp"

namespace grader {
namespace {

/// A spreadsheet runs a cell that starts with one of these as a formula
/// (OWASP "CSV injection"): such cells get a leading apostrophe.
bool formula_like(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

/// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
std::string field(std::string_view text) {
  std::string cell = sanitized_utf8(text);
  if (formula_like(cell)) cell = "'" + cell;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i)
    out << (i == 0 ? "" : ",") << field(cells[i]);
  out << "\r\n";
}

/// The student's score in `exercise_id`; "" when the report does not have it.
std::string exercise_cell(const GradeReport& report, const std::string& exercise_id) {
  for (const ExerciseGrade& exercise : report.exercises) {
    if (exercise.id == exercise_id) return format_points(exercise.score);
  }
  return "";
}

std::vector<std::string> student_row(const Course& course, const StudentGrade& grade) {
  std::vector<std::string> cells = {grade.student};
  for (const ExerciseSpec& exercise : course.exercises)
    cells.push_back(grade.report ? exercise_cell(*grade.report, exercise.id) : "");
  if (!grade.report) {
    cells.insert(cells.end(), {"", "", grade.error.empty() ? "not graded" : grade.error});
    return cells;
  }
  const GradeReport& report = *grade.report;
  cells.push_back(format_points(report.score));
  cells.push_back(format_points(report.max_score));
  // A score the grader could not finish is not a grade to import silently.
  cells.push_back(report.unresolved() ? "incomplete: some tests were unresolved" : "");
  return cells;
}

}  // namespace

void write_gradebook_csv(const Course& course, const ClassGrades& grades, std::ostream& out) {
  std::vector<std::string> header = {"student"};
  for (const ExerciseSpec& exercise : course.exercises)
    header.push_back(exercise.id);
  header.insert(header.end(), {"total", "max_total", "error"});
  write_row(out, header);
  for (const StudentGrade& grade : grades.students)
    write_row(out, student_row(course, grade));
}

}  // namespace grader
