// summary.json and summary.md: the two renderings of a ClassSummary.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/class_summary.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

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
  return test.visibility == Visibility::hidden ? name + " *(hidden)*" : name;
}

void markdown_overview(const ClassSummary& summary, std::ostream& out) {
  const ScoreStats& totals = summary.totals;
  out << "# " << markdown_inline(summary.course) << " — class summary\n\n";
  out << fmt::format("- Students: {} ({} graded, {} not graded)\n", summary.students, totals.count,
                     summary.ungraded.size());
  out << "- Sandbox: " << markdown_inline(summary.sandbox) << "\n\n";
  out << "| Total | Mean | Median | Min | Max |\n|---|---:|---:|---:|---:|\n";
  out << fmt::format("| {} | {} | {} | {} | {} |\n", format_points(summary.max_score),
                     format_points(totals.mean), format_points(totals.median),
                     format_points(totals.min), format_points(totals.max));
  out << "\n## Exercises\n\n| Exercise | Points | Mean | Median | Build failed |\n"
         "|---|---:|---:|---:|---:|\n";
  for (const ExerciseSummary& e : summary.exercises) {
    out << fmt::format("| {} | {} | {} | {} | {} |\n", markdown_inline(e.id),
                       format_points(e.max_score), format_points(e.scores.mean),
                       format_points(e.scores.median), e.build_failed);
  }
}

void markdown_tests(const ClassSummary& summary, std::ostream& out) {
  out << "\n## Tests\n\n| Test | Points | Passed | Failed | Unresolved | Pass rate |\n"
         "|---|---:|---:|---:|---:|---:|\n";
  for (const TestSummary& t : summary.tests) {
    out << fmt::format("| {} | {} | {}/{} | {} | {} | {} |\n", test_name(t),
                       format_points(t.max_score), t.passed, t.graded, t.failed(), t.unresolved,
                       t.graded > 0 ? percent(t.pass_rate) : "—");
  }
  out << "\n## Most failed\n\n";
  if (summary.most_failed.empty()) out << "No test failed.\n";
  for (const TestSummary& t : summary.most_failed)
    out << fmt::format("1. {}: failed by {} of {}\n", test_name(t), t.failed(), t.graded);
}

void markdown_problems(const ClassSummary& summary, std::ostream& out) {
  out << "\n## Flaky tests\n\n";
  if (summary.flaky.empty()) out << "None seen.\n";
  for (const FlakyTest& f : summary.flaky) {
    out << fmt::format("- {}.{} for {}: {}\n", markdown_inline(f.exercise_id),
                       markdown_inline(f.test_id), markdown_inline(f.student),
                       markdown_inline(f.reason));
  }
  out << "\n## Not graded\n\n";
  if (summary.ungraded.empty()) out << "Every submission was graded.\n";
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
