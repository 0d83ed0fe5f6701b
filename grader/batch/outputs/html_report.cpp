#include "batch/outputs/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "batch/outputs/class_summary.hpp"
#include "batch/outputs/html_charts.hpp"
#include "batch/outputs/html_style.hpp"
#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;
using ipclab::i18n::trc;
using ipclab::i18n::trn;

std::string html(std::string_view text) {
  return escape_markup(text);
}

std::string percent(double value, double max) {
  if (max <= 0) return "—";
  return fmt::format("{}%", static_cast<int>(std::floor(value * 100 / max + 1e-9)));
}

/// A statistic, or a dash when nobody was graded (0 would read as a score).
std::string statistic(const ScoreStats& stats, double value) {
  return stats.count == 0 ? "—" : format_points(value);
}

/// "full" or "zero": how a score cell is coloured.
std::string score_class(double score, double max) {
  if (max > 0 && score >= max) return "num full";
  if (score <= 0) return "num zero";
  return "num";
}

void head(std::ostream& out, const ClassSummary& summary) {
  // The policy forbids every fetch: the page cannot reach the network even if
  // some student text slipped through as markup.
  out << "<!DOCTYPE html>\n<html lang=\"" << html(ipclab::i18n::language())
      << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html(fmt::format(fmt::runtime(tr("{} — class report")), summary.course))
      << "</title>\n"
      << "<style>" << kReportCss << "</style>\n</head>\n<body>\n<main>\n";
}

/// "7 students, 5 graded, 2 not graded".
std::string head_counts(const ClassSummary& summary) {
  const auto students = static_cast<unsigned long>(summary.students);
  const auto graded = static_cast<unsigned long>(summary.totals.count);
  const auto ungraded = static_cast<unsigned long>(summary.ungraded.size());
  return fmt::format(
      "{}, {}, {}", fmt::format(fmt::runtime(trn("{} student", "{} students", students)), students),
      fmt::format(fmt::runtime(trn("{} graded", "{} graded", graded)), graded),
      fmt::format(fmt::runtime(trn("{} not graded", "{} not graded", ungraded)), ungraded));
}

void overview(std::ostream& out, const ClassSummary& summary) {
  out << "<header><h1>" << html(summary.course) << "</h1>\n<p class=\"meta\">"
      << head_counts(summary) << " · " << tr("sandbox:") << " " << html(summary.sandbox)
      << "</p></header>\n<section class=\"cards\">\n";
  const ScoreStats& totals = summary.totals;
  const std::pair<const char*, std::string> cards[] = {
      {tr_later("Mean"), statistic(totals, totals.mean)},
      {tr_later("Median"), statistic(totals, totals.median)},
      {tr_later("Min"), statistic(totals, totals.min)},
      {tr_later("Max"), statistic(totals, totals.max)},
      {tr_later("Out of"), format_points(summary.max_score)}};
  for (const auto& [name, value] : cards) {
    out << "<div class=\"card\"><div class=\"name\">" << tr(name) << "</div><div class=\"value\">"
        << value << "</div></div>\n";
  }
  out << "</section>\n";
}

void histogram(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>" << tr("Score distribution") << "</h2>\n<div class=\"chart\">"
      << score_histogram_svg(summary) << "</div>\n";
}

/// "manager_<wbr>results_<wbr>collector": long ids may wrap at '_', so that a
/// narrow column never pushes the table past the page.
std::string breakable(const std::string& id) {
  std::string text = html(id);
  for (std::size_t at = text.find('_'); at != std::string::npos; at = text.find('_', at + 6))
    text.insert(at + 1, "<wbr>");
  return text;
}

/// One section per exercise: its statistics and the pass rate of its tests.
void exercise_sections(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>" << tr("Exercises") << "</h2>\n";
  for (const ExerciseSummary& e : summary.exercises) {
    const std::string meta =
        fmt::format(fmt::runtime(tr("out of {} · mean {} · median {} · build failed: {}")),
                    format_points(e.max_score), statistic(e.scores, e.scores.mean),
                    statistic(e.scores, e.scores.median), e.build_failed);
    out << fmt::format(
        "<section class=\"exercise\" id=\"exercise-{}\"><h3>{} <span class=\"note\">{}</span>"
        "</h3>\n<p class=\"meta\">{}</p>\n<div class=\"chart\">{}</div></section>\n",
        html(e.id), breakable(e.id), html(e.title), meta, pass_rate_svg(summary, e.id));
  }
}

/// "timed out × 4: trial 3 did not finish within 2 s"
std::string failure_kinds(const TestSummary& test) {
  std::string text;
  for (const FailureKind& kind : test.failure_kinds) {
    text += fmt::format("<div class=\"kind\"><b>{} × {}</b>{}</div>", outcome_words(kind.outcome),
                        kind.students, kind.diagnosis.empty() ? "" : ": " + html(kind.diagnosis));
  }
  return text;
}

void problem_tables(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>" << tr("Most failed tests") << "</h2>\n";
  if (summary.most_failed.empty()) out << "<p class=\"note\">" << tr("No test failed.") << "</p>\n";
  if (!summary.most_failed.empty()) {
    out << fmt::format(
        "<table id=\"most-failed\"><tr><th>{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th><th>{}</th></tr>\n",
        tr("Test"), trc("column", "Failed"), tr("Pass rate"), tr("Most common failures"));
    for (const TestSummary& t : summary.most_failed) {
      out << fmt::format(
          "<tr><td>{}.<wbr>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td></tr>\n",
          breakable(t.exercise_id), breakable(t.test_id),
          fmt::format(fmt::runtime(tr("{} of {}")), t.failed(), t.graded),
          fmt::format("{}%", static_cast<int>(std::round(t.pass_rate * 100))), failure_kinds(t));
    }
    out << "</table>\n";
  }
  out << "<h2>" << tr("Flaky tests") << "</h2>\n";
  if (summary.flaky.empty()) out << "<p class=\"note\">" << tr("None seen.") << "</p>\n";
  for (const FlakyTest& f : summary.flaky) {
    // TRANSLATORS: {0}.{1} a test, {2} a student (in bold), {3} what was seen.
    const char* line = tr("{0}.{1} for <b>{2}</b>: {3}");
    out << "<p class=\"flaky\">"
        << fmt::format(fmt::runtime(line), html(f.exercise_id), html(f.test_id), html(f.student),
                       html(f.reason))
        << "</p>\n";
  }
}

/// The student's name in a URL path: every byte but the unreserved ones
/// percent-encoded.
std::string url_path(const std::string& name) {
  std::string encoded;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      encoded += static_cast<char>(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return encoded;
}

/// The heat-map colour of a score: h0 (nothing) to h4 (full marks).
std::string heat_class(double score, double max) {
  const int level = max > 0 ? static_cast<int>(std::floor(4 * score / max + 1e-9)) : 0;
  return fmt::format("num heat h{}", std::clamp(level, 0, 4));
}

void student_row(std::ostream& out, const ClassSummary& summary, const StudentGrade& grade,
                 const char* row_class) {
  const std::string name = fmt::format("<a href=\"students/{}/feedback.md\">{}</a>",
                                       html(url_path(grade.student)), html(grade.student));
  if (!grade.report) {
    out << fmt::format("<tr class=\"{} ungraded\"><td>{}</td><td colspan=\"{}\">{} {}</td></tr>\n",
                       row_class, name, summary.exercises.size() + 2, tr("not graded:"),
                       html(grade.error));
    return;
  }
  const GradeReport& report = *grade.report;
  out << "<tr class=\"" << row_class << "\"><td>" << name << "</td>";
  for (const ExerciseSummary& spec : summary.exercises) {
    const ExerciseGrade* found = report.exercise(spec.id);
    if (found == nullptr) out << "<td class=\"num note\">—</td>";
    if (found != nullptr) {
      out << "<td class=\"" << heat_class(found->score, found->max_score) << "\" title=\""
          << html(spec.id) << ": " << format_score(found->score, found->max_score) << "\">"
          << format_points(found->score) << "</td>";
    }
  }
  out << "<td class=\"" << score_class(report.score, report.max_score) << "\">"
      << format_score(report.score, report.max_score) << "</td><td class=\"num\">"
      << percent(report.score, report.max_score)
      << (report.unresolved() ? fmt::format(" <span class=\"pill\">{}</span>", tr("incomplete"))
                              : "")
      << "</td></tr>\n";
}

/// Highest total first; the ungraded last; ties by name.
std::vector<const StudentGrade*> by_score(const ClassGrades& grades) {
  std::vector<const StudentGrade*> students;
  for (const StudentGrade& grade : grades.students)
    students.push_back(&grade);
  std::stable_sort(students.begin(), students.end(), [](const auto* a, const auto* b) {
    const double left = a->report ? a->report->score : -1;
    const double right = b->report ? b->report->score : -1;
    return left > right;
  });
  return students;
}

void student_table(std::ostream& out, const ClassSummary& summary,
                   const std::vector<const StudentGrade*>& students, const char* id,
                   const char* row_class) {
  out << "<table id=\"" << id << "\" class=\"students\"><tr><th>" << tr("Student") << "</th>";
  for (const ExerciseSummary& e : summary.exercises)
    out << "<th class=\"num\">" << breakable(e.id) << "</th>";
  out << "<th class=\"num\">" << tr("Total") << "</th><th class=\"num\">%</th></tr>\n";
  for (const StudentGrade* grade : students)
    student_row(out, summary, *grade, row_class);
  out << "</table>\n";
}

/// The students x exercises heat map, sortable by score or by name without
/// a script: two radio buttons show one of two orderings.
void students(std::ostream& out, const ClassSummary& summary, const ClassGrades& grades) {
  std::vector<const StudentGrade*> by_name;
  for (const StudentGrade& grade : grades.students)
    by_name.push_back(&grade);
  out << fmt::format(
      "<h2>{}</h2>\n<div class=\"sortable\">"
      "<input type=\"radio\" name=\"order\" id=\"sort-score\" checked>"
      "<label for=\"sort-score\">{}</label>"
      "<input type=\"radio\" name=\"order\" id=\"sort-name\">"
      "<label for=\"sort-name\">{}</label>\n",
      tr("Students"), tr("by score"), tr("by name"));
  student_table(out, summary, by_score(grades), "students", "student");
  student_table(out, summary, by_name, "students-by-name", "by-name");
  out << "</div>\n";
  if (grades.students.empty()) out << "<p class=\"note\">" << tr("No submissions.") << "</p>\n";
}

}  // namespace

void write_html_report(const Course& course, const ClassGrades& grades, std::ostream& out) {
  const ClassSummary summary = summarize_class(course, grades);
  head(out, summary);
  overview(out, summary);
  histogram(out, summary);
  exercise_sections(out, summary);
  problem_tables(out, summary);
  students(out, summary, grades);
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace grader
