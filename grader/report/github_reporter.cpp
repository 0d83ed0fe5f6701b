#include "report/github_reporter.hpp"

#include <fmt/format.h>

#include <regex>
#include <string_view>
#include <vector>

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::trn;

// Student files live in exercises/<id>/ of the course repository; diagnostics
// name them as "<id>/<file>".
constexpr std::string_view kExercisesFolder = "exercises/";
constexpr std::size_t kMaxMessageBytes = 4000;  // GitHub truncates long annotations anyway

/// The data of a workflow command: % CR LF become %25 %0D %0A, so the command
/// stays on one line and nothing after it can start another.
std::string escape_data(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%')
      escaped += "%25";
    else if (c == '\r')
      escaped += "%0D";
    else if (c == '\n')
      escaped += "%0A";
    else
      escaped += c;
  }
  return escaped;
}

/// A property value: also : and , which end a property.
std::string escape_property(std::string_view text) {
  std::string escaped;
  for (char c : escape_data(text)) {
    if (c == ':')
      escaped += "%3A";
    else if (c == ',')
      escaped += "%2C";
    else
      escaped += c;
  }
  return escaped;
}

/// Where an annotation points; an empty file: at the workflow run.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Annotation {
  const char* command;  ///< "error", "warning" or "notice"
  Location where;
  std::string title;
  std::string message;
};

void write(std::ostream& out, const Annotation& annotation) {
  std::string properties;
  auto add = [&](std::string_view key, const std::string& value) {
    properties +=
        fmt::format("{}{}={}", properties.empty() ? " " : ",", key, escape_property(value));
  };
  if (!annotation.where.file.empty()) add("file", annotation.where.file);
  if (annotation.where.line > 0) add("line", std::to_string(annotation.where.line));
  if (annotation.where.column > 0) add("col", std::to_string(annotation.where.column));
  add("title", annotation.title);
  // Valid UTF-8 only, and cut: a runaway message must not flood the log.
  std::string message = sanitized_utf8(annotation.message.substr(0, kMaxMessageBytes));
  out << "::" << annotation.command << properties << "::" << escape_data(message) << '\n';
}

Location diagnostic_location(const Diagnostic& diagnostic) {
  return {std::string(kExercisesFolder) + diagnostic.file, diagnostic.line, diagnostic.column};
}

/// The first "<exercise>/<file>:<line>[:<col>]" a message mentions (a
/// sanitizer's stack, a failed check): where the student should look.
Location message_location(const std::string& exercise_id, const std::string& message) {
  static const std::regex kFileLine(
      R"(([A-Za-z0-9_]+)/([A-Za-z0-9_.-]+\.(?:cpp|hpp|cc|h)):(\d+)(?::(\d+))?)");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), kFileLine);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    if (match[1] != exercise_id) continue;
    const int column = match[4].matched ? std::stoi(match[4]) : 0;
    return {std::string(kExercisesFolder) + exercise_id + "/" + match[2].str(), std::stoi(match[3]),
            column};
  }
  return {};
}

/// The message, with the function it is in and the header the compiler
/// reported it inside, when it did.
std::string annotation_text(const Diagnostic& diagnostic) {
  std::string text = diagnostic.message;
  if (!diagnostic.context.empty()) text = diagnostic.context + ": " + text;
  if (!diagnostic.origin.empty())
    text += " " + fmt::format(fmt::runtime(tr("[inside {}]")), diagnostic.origin);
  return text;
}

/// The annotations of one run, by importance. GitHub shows only the first 10
/// errors (and 10 warnings) of a step: what blocks a build comes first, then
/// one error per exercise with failing tests, then everything else.
struct Annotations {
  std::vector<Annotation> build_errors;
  std::vector<Annotation> first_failures;  ///< one per exercise
  std::vector<Annotation> other_tests;     ///< more failures, unresolved tests
  std::vector<Annotation> build_warnings;
};

void add_build(Annotations& annotations, const ExerciseGrade& exercise) {
  const BuildGrade& build = exercise.build;
  for (const Diagnostic& diagnostic : build.diagnostics) {
    if (diagnostic.severity != "error" && diagnostic.severity != "warning") continue;
    const bool error = diagnostic.severity == "error";
    (error ? annotations.build_errors : annotations.build_warnings)
        .push_back({error ? "error" : "warning", diagnostic_location(diagnostic),
                    exercise.id + ": " + diagnostic.severity, annotation_text(diagnostic)});
  }
  if (!build.ok && build.diagnostics.empty()) {
    annotations.build_errors.push_back(
        {"error", {}, exercise.id + ": " + tr("build failed"), build.log});
  }
}

/// A hidden test's message may quote its inputs: the outcome and hint only.
std::string test_message(const TestGrade& test) {
  const bool hidden = test.visibility == Visibility::hidden;
  std::string message = hidden || test.message.empty()
                            ? std::string(outcome_words(test.outcome))
                            : std::string(without_trailing_newlines(test.message));
  if (properties_of(test.outcome).earns_hint && !test.hint.empty())
    message += "\n" + std::string(tr("hint")) + ": " + test.hint;
  return message;
}

Annotation test_annotation(const std::string& exercise_id, const TestGrade& test,
                           const char* command) {
  const bool hidden = test.visibility == Visibility::hidden;
  const Location where = hidden ? Location{} : message_location(exercise_id, test.message);
  const std::string id =
      exercise_id + "." + test.id + (hidden ? " " + std::string(tr("(hidden)")) : "");
  // TRANSLATORS: {0} a test, {1} its outcome ("timed out"), {2} its points ("0/3").
  const std::string title =
      fmt::format(fmt::runtime(tr("{0} {1} ({2} points)")), id, outcome_words(test.outcome),
                  format_score(test.score, test.max_score));
  return {command, where, title, test_message(test)};
}

/// The exercise's first failing test as an error (saying how many more
/// failed), the other failures and the unresolved tests as warnings. Tests
/// not built or not run get none: the build says why.
void add_tests(Annotations& annotations, const ExerciseGrade& exercise) {
  std::vector<const TestGrade*> failing;
  for (const TestGrade& test : exercise.tests) {
    const OutcomeProperties& outcome = properties_of(test.outcome);
    if (outcome.kind == OutcomeKind::failure) failing.push_back(&test);
    if (outcome.kind == OutcomeKind::unresolved)
      annotations.other_tests.push_back(test_annotation(exercise.id, test, "warning"));
  }
  if (failing.empty()) return;
  Annotation first = test_annotation(exercise.id, *failing.front(), "error");
  if (failing.size() > 1) {
    const std::size_t more = failing.size() - 1;
    first.message +=
        "\n" +
        fmt::format(fmt::runtime(trn("({} more test of {} did not pass: see the warnings)",
                                     "({} more tests of {} did not pass: see the warnings)", more)),
                    more, exercise.id);
  }
  annotations.first_failures.push_back(std::move(first));
  for (std::size_t i = 1; i < failing.size(); ++i)
    annotations.other_tests.push_back(test_annotation(exercise.id, *failing[i], "warning"));
}

}  // namespace

void write_github_annotations(const GradeReport& report, std::ostream& out) {
  Annotations annotations;
  for (const ExerciseGrade& exercise : report.exercises) {
    add_build(annotations, exercise);
    add_tests(annotations, exercise);
  }
  for (const auto* group : {&annotations.build_errors, &annotations.first_failures,
                            &annotations.other_tests, &annotations.build_warnings}) {
    for (const Annotation& annotation : *group)
      write(out, annotation);
  }
  write(out, {"notice",
              {},
              fmt::format(fmt::runtime(tr("{} score")), report.course),
              format_score(report.score, report.max_score)});
}

std::string github_outputs(const GradeReport& report) {
  return fmt::format("score={}\nmax_score={}\npassed={}\n", format_points(report.score),
                     format_points(report.max_score), report.all_passed() ? "true" : "false");
}

}  // namespace grader
