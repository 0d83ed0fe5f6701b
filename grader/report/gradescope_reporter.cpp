#include "report/gradescope_reporter.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;

using nlohmann::json;

/// "label: value", the label in the chosen language ("pista: ...").
std::string labelled(const char* label, const std::string& value) {
  return std::string(tr(label)) + ": " + value;
}

json build_json(const ExerciseGrade& exercise, int number) {
  const BuildGrade& build = exercise.build;
  std::string output =
      build.ok ? tr("The student files compiled.") : tr("The student files did not compile.");
  for (const std::string& line : diagnostic_lines(build.diagnostics, build.diagnostics.size()))
    output += "\n" + line;
  if (!build.ok && build.diagnostics.empty() && !build.log.empty()) output += "\n" + build.log;
  for (const std::string& note : build.notes)
    output += "\n" + labelled(tr_later("note"), note);
  return {{"name", exercise.id + " / " + tr("build")},
          {"number", fmt::format("{}.0", number)},
          {"score", build.score},
          {"max_score", build.max_score},
          {"status", build.ok ? "passed" : "failed"},
          {"output", output},
          {"visibility", "visible"},
          {"extra_data", {{"exercise", exercise.id}, {"test", "build"}}}};
}

/// What the student reads under the test. A hidden test's message may quote
/// its inputs: it shows the outcome and the hint only.
std::string test_output(const TestGrade& test) {
  std::string output = fmt::format("{}", outcome_words(test.outcome));
  if (test.trials_total > 1) {
    output += " (" +
              fmt::format(fmt::runtime(tr("passed {}/{} trials")), test.trials_passed,
                          test.trials_total) +
              ")";
  }
  const bool hidden = test.visibility == Visibility::hidden;
  if (!hidden && !test.message.empty()) {
    output += "\n" + elided_lines(without_trailing_newlines(test.message));
  }
  if (properties_of(test.outcome).earns_hint && !test.hint.empty())
    output += "\n" + labelled(tr_later("hint"), test.hint);
  if (properties_of(test.outcome).kind == OutcomeKind::unresolved) {
    output += "\n";
    output += tr("The grader could not finish this test: it is not your code's fault.");
  }
  if (!hidden) {
    for (const std::string& note : test.notes)
      output += "\n" + labelled(tr_later("note"), note);
  }
  return output;
}

json test_json(const std::string& exercise_id, const TestGrade& test, std::string number,
               const std::string& hidden_tests) {
  const bool hidden = test.visibility == Visibility::hidden;
  return {{"name", exercise_id + " / " + test.id},
          {"number", std::move(number)},
          {"score", test.score},
          {"max_score", test.max_score},
          {"status", properties_of(test.outcome).kind == OutcomeKind::passed ? "passed" : "failed"},
          {"output", test_output(test)},
          {"visibility", hidden ? hidden_tests : "visible"},
          {"extra_data",
           {{"exercise", exercise_id},
            {"test", test.id},
            {"outcome", to_string(test.outcome)},
            {"trials_passed", test.trials_passed},
            {"trials_total", test.trials_total}}}};
}

std::string summary_output(const GradeReport& report) {
  std::string output = fmt::format(fmt::runtime(tr("{}: {} points (sandbox: {})")), report.course,
                                   format_score(report.score, report.max_score), report.sandbox);
  if (report.unresolved()) {
    output += "\n";
    output += tr("The grader could not finish its job for some tests: the score is incomplete.");
  }
  return output;
}

long long total_milliseconds(const GradeReport& report) {
  long long total = 0;
  for (const ExerciseGrade& exercise : report.exercises) {
    for (const TestGrade& test : exercise.tests)
      total += test.duration.count();
  }
  return total;
}

}  // namespace

void write_gradescope_results(const GradeReport& report, std::ostream& out,
                              const std::string& hidden_tests) {
  json tests = json::array();
  int number = 0;
  for (const ExerciseGrade& exercise : report.exercises) {
    tests.push_back(build_json(exercise, ++number));
    int index = 0;
    for (const TestGrade& test : exercise.tests)
      tests.push_back(
          test_json(exercise.id, test, fmt::format("{}.{}", number, ++index), hidden_tests));
  }
  const json results = {{"score", report.score},
                        {"execution_time", static_cast<double>(total_milliseconds(report)) / 1000},
                        {"output", summary_output(report)},
                        {"output_format", "text"},
                        {"test_output_format", "text"},
                        {"test_name_format", "text"},
                        {"visibility", "visible"},
                        {"stdout_visibility", "hidden"},
                        {"tests", tests}};
  out << results.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace grader
