#include "report/junit_reporter.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;

/// How a test or build counts in JUnit: no element (passed), <failure> (the
/// student's code), <error> (unresolved: the grader could not tell) or
/// <skipped> (not run) -- the outcome's kind.
using Verdict = OutcomeKind;

Verdict verdict_of(Outcome outcome) {
  return properties_of(outcome).kind;
}

struct Counts {
  int tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  std::chrono::milliseconds time{0};

  void add(Verdict verdict, std::chrono::milliseconds duration) {
    ++tests;
    failures += verdict == Verdict::failure ? 1 : 0;
    errors += verdict == Verdict::unresolved ? 1 : 0;
    skipped += verdict == Verdict::not_run ? 1 : 0;
    time += duration;
  }
  void add(const Counts& other) {
    tests += other.tests;
    failures += other.failures;
    errors += other.errors;
    skipped += other.skipped;
    time += other.time;
  }
};

Counts count(const ExerciseGrade& exercise) {
  Counts counts;
  counts.add(exercise.build.ok ? Verdict::passed : Verdict::failure, {});
  for (const TestGrade& test : exercise.tests)
    counts.add(verdict_of(test.outcome), test.duration);
  return counts;
}

/// Seconds with millisecond precision: "6.42".
std::string junit_seconds(std::chrono::milliseconds duration) {
  return fmt::format("{:.3f}", static_cast<double>(duration.count()) / 1000);
}

/// A name-value pair of <properties>.
using Property = std::pair<std::string, std::string>;

class JunitWriter {
 public:
  explicit JunitWriter(std::ostream& out) : out_(out) {}

  void document(const GradeReport& report) {
    Counts total;
    for (const ExerciseGrade& exercise : report.exercises)
      total.add(count(exercise));
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    // The Jenkins xUnit schema allows no `skipped` on <testsuites>: the
    // suites carry it.
    out_ << "<testsuites" << attribute("name", report.course) << counts(total, false) << ">\n";
    for (const ExerciseGrade& exercise : report.exercises)
      suite(exercise, report);
    out_ << "</testsuites>\n";
  }

 private:
  void suite(const ExerciseGrade& exercise, const GradeReport& report) {
    out_ << "  <testsuite" << attribute("name", exercise.id) << counts(count(exercise), true)
         << ">\n";
    properties(4, {{"title", exercise.title},
                   {"score", format_points(exercise.score)},
                   {"max_score", format_points(exercise.max_score)},
                   {"submission", report.submission},
                   {"sandbox", report.sandbox}});
    build(exercise);
    for (const TestGrade& test : exercise.tests)
      testcase(exercise.id, test);
    out_ << "  </testsuite>\n";
  }

  void build(const ExerciseGrade& exercise) {
    const BuildGrade& build = exercise.build;
    open_testcase(exercise.id, "build", {});
    if (!build.ok) {
      std::string details;
      for (const std::string& line : diagnostic_lines(build.diagnostics, build.diagnostics.size()))
        details += line + "\n";
      if (build.diagnostics.empty()) details = build.log;
      element("failure", tr("the student files did not compile"), "build_failed", details);
    }
    std::vector<std::string> lines = {
        labelled(tr_later("score"), format_score(build.score, build.max_score))};
    for (const std::string& note : build.notes)
      lines.push_back(labelled(tr_later("note"), note));
    system_out(lines);
    out_ << "    </testcase>\n";
  }

  void testcase(const std::string& exercise_id, const TestGrade& test) {
    const bool hidden = test.visibility == Visibility::hidden;
    open_testcase(exercise_id, test.id, test.duration);
    // A hidden test's message may quote its inputs: the outcome and hint only.
    const std::string message = hidden ? std::string(outcome_words(test.outcome))
                                       : elided_lines(without_trailing_newlines(test.message));
    const std::string hint = properties_of(test.outcome).earns_hint ? test.hint : "";
    const std::string body =
        hint.empty() ? message : message + "\n" + labelled(tr_later("hint"), hint);
    switch (verdict_of(test.outcome)) {
      case Verdict::passed:
        break;
      case Verdict::failure:
        element("failure", first_line(message), to_string(test.outcome), body);
        break;
      case Verdict::unresolved:
        element("error", first_line(message), "unresolved", body);
        break;
      case Verdict::not_run:
        element("skipped", first_line(message.empty() ? outcome_words(test.outcome) : message), "",
                "");
        break;
    }
    system_out(test_lines(test));
    out_ << "    </testcase>\n";
  }

  void open_testcase(const std::string& suite, const std::string& name,
                     std::chrono::milliseconds duration) {
    out_ << "    <testcase" << attribute("name", name) << attribute("classname", suite)
         << attribute("time", junit_seconds(duration)) << ">\n";
  }

  void properties(int indent, const std::vector<Property>& properties) {
    const std::string pad(indent, ' ');
    out_ << pad << "<properties>\n";
    for (const auto& [name, value] : properties)
      out_ << pad << "  <property" << attribute("name", name) << attribute("value", value)
           << "/>\n";
    out_ << pad << "</properties>\n";
  }

  /// <failure message=".." type="..">body</failure>; `type` and body may be empty.
  void element(const char* tag, const std::string& message, const std::string& type,
               const std::string& body) {
    out_ << "      <" << tag << attribute("message", message);
    if (!type.empty()) out_ << attribute("type", type);
    if (body.empty()) {
      out_ << "/>\n";
      return;
    }
    out_ << ">" << escape_markup(body) << "</" << tag << ">\n";
  }

  /// "label: value", the label in the chosen language ("pista: ...").
  static std::string labelled(const char* label, const std::string& value) {
    return std::string(tr(label)) + ": " + value;
  }

  /// The test's points, outcome, visibility and trials as "label: value"
  /// lines: the Jenkins xUnit schema allows no <properties> in a <testcase>,
  /// and every reader shows <system-out>. The labels are for people (they
  /// follow the language); the outcome and visibility values are the
  /// identifiers of the JSON report. A hidden test's notes and rerun stay out.
  static std::vector<std::string> test_lines(const TestGrade& test) {
    std::vector<std::string> lines = {
        labelled(tr_later("score"), format_score(test.score, test.max_score)),
        labelled(tr_later("outcome"), to_string(test.outcome)),
        labelled(tr_later("visibility"), to_string(test.visibility)),
        labelled(tr_later("trials"), fmt::format("{}/{}", test.trials_passed, test.trials_total))};
    if (test.visibility == Visibility::hidden) return lines;
    for (const std::string& note : test.notes)
      lines.push_back(labelled(tr_later("note"), note));
    if (!test.rerun.empty()) lines.push_back(labelled(tr_later("rerun"), test.rerun));
    return lines;
  }

  void system_out(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
      text += line + "\n";
    out_ << "      <system-out>" << escape_markup(text) << "</system-out>\n";
  }

  /// The count attributes; `with_skipped` only on <testsuite>, where the
  /// Jenkins xUnit schema allows it.
  static std::string counts(const Counts& counts, bool with_skipped) {
    std::string text = fmt::format(R"( tests="{}" failures="{}" errors="{}")", counts.tests,
                                   counts.failures, counts.errors);
    if (with_skipped) text += fmt::format(R"( skipped="{}")", counts.skipped);
    return text + fmt::format(R"( time="{}")", junit_seconds(counts.time));
  }

  static std::string attribute(std::string_view name, std::string_view value) {
    return fmt::format(" {}=\"{}\"", name, escape_markup(value, true));
  }

  std::ostream& out_;
};

}  // namespace

void write_junit_report(const GradeReport& report, std::ostream& out) {
  JunitWriter(out).document(report);
}

}  // namespace grader
