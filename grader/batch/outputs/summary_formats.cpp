// summary.json and summary.md: the two renderings of a ClassSummary.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "batch/outputs/class_summary.hpp"
#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::trc;
using nlohmann::json;

/// Four decimals are plenty for statistics, and keep the file readable.
double rounded(double value) {
  return std::round(value * 10000) / 10000;
}

json stats_json(const ScoreStats& stats) {
  return {{"count", stats.count},
          {"mean", rounded(stats.mean)},
          {"median", rounded(stats.median)},
          {"min", rounded(stats.min)},
          {"max", rounded(stats.max)}};
}

json test_json(const TestSummary& test) {
  return {{"exercise", test.exercise_id},
          {"test", test.test_id},
          {"visibility", to_string(test.visibility)},
          {"max_score", test.max_score},
          {"graded", test.graded},
          {"passed", test.passed},
          {"failed", test.failed()},
          {"unresolved", test.unresolved},
          {"pass_rate", rounded(test.pass_rate)}};
}

json tests_json(const std::vector<TestSummary>& tests) {
  json array = json::array();
  for (const TestSummary& test : tests)
    array.push_back(test_json(test));
  return array;
}

json exercises_json(const std::vector<ExerciseSummary>& exercises) {
  json array = json::array();
  for (const ExerciseSummary& exercise : exercises) {
    array.push_back({{"id", exercise.id},
                     {"title", exercise.title},
                     {"max_score", exercise.max_score},
                     {"scores", stats_json(exercise.scores)},
                     {"build_failed", exercise.build_failed}});
  }
  return array;
}

json flaky_json(const std::vector<FlakyTest>& flaky) {
  json array = json::array();
  for (const FlakyTest& test : flaky) {
    array.push_back({{"student", test.student},
                     {"exercise", test.exercise_id},
                     {"test", test.test_id},
                     {"reason", test.reason}});
  }
  return array;
}

json ungraded_json(const std::vector<UngradedStudent>& ungraded) {
  json array = json::array();
  for (const UngradedStudent& student : ungraded)
    array.push_back({{"student", student.student}, {"error", student.error}});
  return array;
}

std::string percent(double rate) {
  return fmt::format("{}%", static_cast<int>(std::round(rate * 100)));
}

std::string test_name(const TestSummary& test) {
  const std::string name = markdown_inline(test.exercise_id + "." + test.test_id);
  return test.visibility == Visibility::hidden ? name + " *" + tr("(hidden)") + "*" : name;
}

void markdown_overview(const ClassSummary& summary, std::ostream& out) {
  const ScoreStats& totals = summary.totals;
  out << "# "
      << fmt::format(fmt::runtime(tr("{} — class summary")), markdown_inline(summary.course))
      << "\n\n";
  out << "- "
      << fmt::format(fmt::runtime(tr("Students: {} ({} graded, {} not graded)")), summary.students,
                     totals.count, summary.ungraded.size())
      << "\n";
  out << "- " << tr("Sandbox:") << " " << markdown_inline(summary.sandbox) << "\n\n";
  out << fmt::format("| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|\n", tr("Total"),
                     tr("Mean"), tr("Median"), tr("Min"), tr("Max"));
  out << fmt::format("| {} | {} | {} | {} | {} |\n", format_points(summary.max_score),
                     format_points(totals.mean), format_points(totals.median),
                     format_points(totals.min), format_points(totals.max));
  out << fmt::format("\n## {}\n\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|\n",
                     tr("Exercises"), tr("Exercise"), tr("Points"), tr("Mean"), tr("Median"),
                     tr("Build failed"));
  for (const ExerciseSummary& e : summary.exercises) {
    out << fmt::format("| {} | {} | {} | {} | {} |\n", markdown_inline(e.id),
                       format_points(e.max_score), format_points(e.scores.mean),
                       format_points(e.scores.median), e.build_failed);
  }
}

void markdown_tests(const ClassSummary& summary, std::ostream& out) {
  out << fmt::format("\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|\n",
                     tr("Tests"), tr("Test"), tr("Points"), trc("column", "Passed"),
                     trc("column", "Failed"), trc("column", "Unresolved"), tr("Pass rate"));
  for (const TestSummary& t : summary.tests) {
    out << fmt::format("| {} | {} | {}/{} | {} | {} | {} |\n", test_name(t),
                       format_points(t.max_score), t.passed, t.graded, t.failed(), t.unresolved,
                       t.graded > 0 ? percent(t.pass_rate) : "—");
  }
  out << "\n## " << tr("Most failed") << "\n\n";
  if (summary.most_failed.empty()) out << tr("No test failed.") << "\n";
  for (const TestSummary& t : summary.most_failed) {
    out << "1. "
        << fmt::format(fmt::runtime(tr("{}: failed by {} of {}")), test_name(t), t.failed(),
                       t.graded)
        << "\n";
  }
}

void markdown_problems(const ClassSummary& summary, std::ostream& out) {
  out << "\n## " << tr("Flaky tests") << "\n\n";
  if (summary.flaky.empty()) out << tr("None seen.") << "\n";
  for (const FlakyTest& f : summary.flaky) {
    // TRANSLATORS: {0}.{1} a test, {2} a student, {3} what was seen.
    const char* line = tr("{0}.{1} for {2}: {3}");
    out << "- "
        << fmt::format(fmt::runtime(line), markdown_inline(f.exercise_id),
                       markdown_inline(f.test_id), markdown_inline(f.student),
                       markdown_inline(f.reason))
        << "\n";
  }
  out << "\n## " << tr("Not graded") << "\n\n";
  if (summary.ungraded.empty()) out << tr("Every submission was graded.") << "\n";
  for (const UngradedStudent& u : summary.ungraded)
    out << "- " << markdown_inline(u.student) << ": " << markdown_inline(u.error) << "\n";
}

}  // namespace

void write_summary_json(const ClassSummary& summary, std::ostream& out) {
  json scores = json::array();
  for (double score : summary.scores)
    scores.push_back(score);
  const json document = {{"schema", kSummarySchema},
                         {"course", summary.course},
                         {"sandbox", summary.sandbox},
                         {"students", summary.students},
                         {"graded", summary.totals.count},
                         {"max_score", summary.max_score},
                         {"totals", stats_json(summary.totals)},
                         {"scores", scores},
                         {"exercises", exercises_json(summary.exercises)},
                         {"tests", tests_json(summary.tests)},
                         {"most_failed", tests_json(summary.most_failed)},
                         {"flaky", flaky_json(summary.flaky)},
                         {"ungraded", ungraded_json(summary.ungraded)}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void write_summary_markdown(const ClassSummary& summary, std::ostream& out) {
  markdown_overview(summary, out);
  markdown_tests(summary, out);
  markdown_problems(summary, out);
}

}  // namespace grader
