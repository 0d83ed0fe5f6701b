#include "report/html_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "report/class_summary.hpp"
#include "report/html_charts.hpp"
#include "report/html_style.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

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
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html(summary.course) << " — class report</title>\n"
      << "<style>" << kReportCss << "</style>\n</head>\n<body>\n<main>\n";
}

void overview(std::ostream& out, const ClassSummary& summary) {
  out << "<header><h1>" << html(summary.course) << "</h1>\n<p class=\"meta\">"
      << fmt::format("{} students, {} graded, {} not graded · sandbox: ", summary.students,
                     summary.totals.count, summary.ungraded.size())
      << html(summary.sandbox) << "</p></header>\n<section class=\"cards\">\n";
  const ScoreStats& totals = summary.totals;
  const std::pair<const char*, std::string> cards[] = {
      {"Mean", statistic(totals, totals.mean)},
      {"Median", statistic(totals, totals.median)},
      {"Min", statistic(totals, totals.min)},
      {"Max", statistic(totals, totals.max)},
      {"Out of", format_points(summary.max_score)}};
  for (const auto& [name, value] : cards) {
    out << "<div class=\"card\"><div class=\"name\">" << name << "</div><div class=\"value\">"
        << value << "</div></div>\n";
  }
  out << "</section>\n";
}

void charts(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>Score distribution</h2>\n<div class=\"chart\">" << score_histogram_svg(summary)
      << "</div>\n<h2>Pass rate per test</h2>\n<div class=\"chart\">" << pass_rate_svg(summary)
      << "</div>\n";
}

void exercise_table(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>Exercises</h2>\n<table id=\"exercises\"><tr><th>Exercise</th><th class=\"num\">"
         "Points</th><th class=\"num\">Mean</th><th class=\"num\">Median</th>"
         "<th class=\"num\">Build failed</th></tr>\n";
  for (const ExerciseSummary& e : summary.exercises) {
    out << fmt::format(
        "<tr><td>{}<br><span class=\"note\">{}</span></td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html(e.id), html(e.title), format_points(e.max_score), statistic(e.scores, e.scores.mean),
        statistic(e.scores, e.scores.median), e.build_failed);
  }
  out << "</table>\n";
}

void problem_tables(std::ostream& out, const ClassSummary& summary) {
  out << "<h2>Most failed tests</h2>\n";
  if (summary.most_failed.empty()) out << "<p class=\"note\">No test failed.</p>\n";
  if (!summary.most_failed.empty()) {
    out << "<table id=\"most-failed\"><tr><th>Test</th><th class=\"num\">Failed</th>"
           "<th class=\"num\">Pass rate</th></tr>\n";
    for (const TestSummary& t : summary.most_failed) {
      out << fmt::format(
          "<tr><td>{}.{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{}</td></tr>\n",
          html(t.exercise_id), html(t.test_id), t.failed(), t.graded,
          fmt::format("{}%", static_cast<int>(std::round(t.pass_rate * 100))));
    }
    out << "</table>\n";
  }
  out << "<h2>Flaky tests</h2>\n";
  if (summary.flaky.empty()) out << "<p class=\"note\">None seen.</p>\n";
  for (const FlakyTest& f : summary.flaky) {
    out << fmt::format("<p class=\"flaky\">{}.{} for <b>{}</b>: {}</p>\n", html(f.exercise_id),
                       html(f.test_id), html(f.student), html(f.reason));
  }
}

void student_row(std::ostream& out, const Course& course, const StudentGrade& grade) {
  if (!grade.report) {
    out << fmt::format(
        "<tr class=\"student ungraded\"><td>{}</td><td colspan=\"{}\">not graded: {}</td></tr>\n",
        html(grade.student), course.exercises.size() + 2, html(grade.error));
    return;
  }
  const GradeReport& report = *grade.report;
  out << "<tr class=\"student\"><td>" << html(grade.student) << "</td>";
  for (const ExerciseSpec& spec : course.exercises) {
    const ExerciseGrade* found = nullptr;
    for (const ExerciseGrade& exercise : report.exercises)
      found = exercise.id == spec.id ? &exercise : found;
    if (found == nullptr) out << "<td class=\"num note\">—</td>";
    if (found != nullptr) {
      out << "<td class=\"" << score_class(found->score, found->max_score) << "\">"
          << format_points(found->score) << "</td>";
    }
  }
  out << "<td class=\"" << score_class(report.score, report.max_score) << "\">"
      << format_score(report.score, report.max_score) << "</td><td class=\"num\">"
      << percent(report.score, report.max_score)
      << (report.unresolved() ? " <span class=\"pill\">incomplete</span>" : "") << "</td></tr>\n";
}

void student_table(std::ostream& out, const Course& course, const ClassGrades& grades) {
  out << "<h2>Students</h2>\n<table id=\"students\"><tr><th>Student</th>";
  for (const ExerciseSpec& spec : course.exercises)
    out << "<th class=\"num\">" << html(spec.id) << "</th>";
  out << "<th class=\"num\">Total</th><th class=\"num\">%</th></tr>\n";
  for (const StudentGrade& grade : grades.students)
    student_row(out, course, grade);
  out << "</table>\n";
  if (grades.students.empty()) out << "<p class=\"note\">No submissions.</p>\n";
}

}  // namespace

void write_html_report(const Course& course, const ClassGrades& grades, std::ostream& out) {
  const ClassSummary summary = summarize_class(course, grades);
  head(out, summary);
  overview(out, summary);
  charts(out, summary);
  exercise_table(out, summary);
  problem_tables(out, summary);
  student_table(out, course, grades);
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace grader
