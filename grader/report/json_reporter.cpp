#include "report/json_reporter.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>
#include <vector>

#include "model/grader_error.hpp"

namespace grader {
namespace {

using nlohmann::json;

// ---- writing ---------------------------------------------------------------

json diagnostic_json(const Diagnostic& diagnostic) {
  return {{"file", diagnostic.file},       {"line", diagnostic.line},
          {"column", diagnostic.column},   {"severity", diagnostic.severity},
          {"message", diagnostic.message}, {"context", diagnostic.context},
          {"origin", diagnostic.origin}};
}

json build_json(const BuildGrade& build) {
  json diagnostics = json::array();
  for (const Diagnostic& diagnostic : build.diagnostics) {
    diagnostics.push_back(diagnostic_json(diagnostic));
  }
  return {{"ok", build.ok},
          {"score", build.score},
          {"max_score", build.max_score},
          {"diagnostics", diagnostics},
          {"log", build.log},
          {"notes", build.notes}};
}

json test_json(const TestGrade& test) {
  return {{"id", test.id},
          {"outcome", to_string(test.outcome)},
          {"score", test.score},
          {"max_score", test.max_score},
          {"visibility", to_string(test.visibility)},
          {"message", test.message},
          {"hint", test.hint},
          {"trials", {{"passed", test.trials_passed}, {"total", test.trials_total}}},
          {"duration_ms", test.duration.count()},
          {"rerun", test.rerun},
          {"host_rerun", test.host_rerun},
          {"notes", test.notes}};
}

json exercise_json(const ExerciseGrade& exercise) {
  json tests = json::array();
  for (const TestGrade& test : exercise.tests)
    tests.push_back(test_json(test));
  return {{"id", exercise.id},
          {"title", exercise.title},
          {"score", exercise.score},
          {"max_score", exercise.max_score},
          {"build", build_json(exercise.build)},
          {"tests", tests}};
}

// ---- reading ---------------------------------------------------------------

/// A JSON object and where it sits in the document ("exercises[0].build"),
/// so that every error names the key at fault.
class Reader {
 public:
  Reader(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  std::string string(const char* key) const {
    return checked(key, &json::is_string, "a string").get<std::string>();
  }
  /// The string at `key`, or "" when a report from before the key was added has none.
  std::string optional_string(const char* key) const {
    if (value_.is_object() && !value_.contains(key)) return "";
    return string(key);
  }
  double number(const char* key) const {
    return checked(key, &json::is_number, "a number").get<double>();
  }
  long long integer(const char* key) const {
    return checked(key, &json::is_number_integer, "an integer").get<long long>();
  }
  bool boolean(const char* key) const {
    return checked(key, &json::is_boolean, "true or false").get<bool>();
  }
  Reader object(const char* key) const {
    return Reader(checked(key, &json::is_object, "an object"), path_of(key));
  }

  /// The elements of the array `key`, each with its path ("tests[2]").
  std::vector<Reader> items(const char* key) const {
    const json& array = checked(key, &json::is_array, "an array");
    std::vector<Reader> items;
    for (std::size_t i = 0; i < array.size(); ++i) {
      items.emplace_back(array[i], fmt::format("{}[{}]", path_of(key), i));
    }
    return items;
  }

  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> strings;
    for (const Reader& item : items(key)) {
      if (!item.value_.is_string()) fail(item.path_, "expected a string");
      strings.push_back(item.value_.get<std::string>());
    }
    return strings;
  }

  /// Throws GraderError about the value of `key`.
  [[noreturn]] void fail_at(const char* key, const std::string& what) const {
    fail(path_of(key), what);
  }

 private:
  using Predicate = bool (json::*)() const noexcept;

  const json& checked(const char* key, Predicate is, const char* expected) const {
    if (!value_.is_object()) fail(path_, "expected an object");
    const auto found = value_.find(key);
    if (found == value_.end()) fail(path_, fmt::format("missing key '{}'", key));
    if (!((*found).*is)()) fail_at(key, fmt::format("expected {}", expected));
    return *found;
  }

  std::string path_of(const char* key) const {
    return path_.empty() ? std::string(key) : path_ + "." + key;
  }

  [[noreturn]] static void fail(const std::string& path, const std::string& what) {
    const std::string where = path.empty() ? "" : path + ": ";
    throw GraderError(fmt::format("invalid grade report: {}{}", where, what));
  }

  const json& value_;
  std::string path_;
};

Outcome read_outcome(const Reader& in) {
  const std::string text = in.string("outcome");
  const std::optional<Outcome> outcome = parse_outcome(text);
  if (!outcome) in.fail_at("outcome", fmt::format("unknown outcome '{}'", text));
  return *outcome;
}

Visibility read_visibility(const Reader& in) {
  const std::string text = in.string("visibility");
  if (text == to_string(Visibility::visible)) return Visibility::visible;
  if (text == to_string(Visibility::hidden)) return Visibility::hidden;
  in.fail_at("visibility", fmt::format("unknown visibility '{}'", text));
}

Diagnostic read_diagnostic(const Reader& in) {
  return {in.string("file"),
          static_cast<int>(in.integer("line")),
          static_cast<int>(in.integer("column")),
          in.string("severity"),
          in.string("message"),
          in.optional_string("context"),
          in.optional_string("origin")};
}

BuildGrade read_build(const Reader& in) {
  BuildGrade build;
  build.ok = in.boolean("ok");
  build.score = in.number("score");
  build.max_score = in.number("max_score");
  for (const Reader& item : in.items("diagnostics")) {
    build.diagnostics.push_back(read_diagnostic(item));
  }
  build.log = in.string("log");
  build.notes = in.strings("notes");
  return build;
}

TestGrade read_test(const Reader& in) {
  TestGrade test;
  test.id = in.string("id");
  test.outcome = read_outcome(in);
  test.visibility = read_visibility(in);
  test.score = in.number("score");
  test.max_score = in.number("max_score");
  test.message = in.string("message");
  test.hint = in.string("hint");
  const Reader trials = in.object("trials");
  test.trials_passed = static_cast<int>(trials.integer("passed"));
  test.trials_total = static_cast<int>(trials.integer("total"));
  test.duration = std::chrono::milliseconds(in.integer("duration_ms"));
  test.rerun = in.string("rerun");
  test.host_rerun = in.optional_string("host_rerun");
  test.notes = in.strings("notes");
  return test;
}

ExerciseGrade read_exercise(const Reader& in) {
  ExerciseGrade exercise;
  exercise.id = in.string("id");
  exercise.title = in.string("title");
  exercise.score = in.number("score");
  exercise.max_score = in.number("max_score");
  exercise.build = read_build(in.object("build"));
  for (const Reader& item : in.items("tests"))
    exercise.tests.push_back(read_test(item));
  return exercise;
}

void check_schema(const json& document) {
  if (!document.is_object()) throw GraderError("invalid grade report: expected a JSON object");
  const auto schema = document.find("schema");
  if (schema == document.end() || !schema->is_string()) {
    throw GraderError(
        fmt::format("not an IPC Lab grade report: no \"schema\" (expected '{}')", kGradeSchema));
  }
  if (*schema != kGradeSchema) {
    throw GraderError(fmt::format("unsupported grade report schema '{}' (expected '{}')",
                                  schema->get<std::string>(), kGradeSchema));
  }
}

}  // namespace

json to_json(const GradeReport& report) {
  json exercises = json::array();
  for (const ExerciseGrade& exercise : report.exercises) {
    exercises.push_back(exercise_json(exercise));
  }
  return {{"schema", kGradeSchema},
          {"course", report.course},
          {"submission", report.submission},
          {"sandbox", report.sandbox},
          {"hidden_included", report.hidden_included},
          {"score", report.score},
          {"max_score", report.max_score},
          {"unresolved", report.unresolved()},
          {"exercises", exercises}};
}

void write_json_report(const GradeReport& report, std::ostream& out) {
  // Messages quote what student programs printed, which need not be UTF-8.
  out << to_json(report).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

GradeReport grade_report_from_json(const json& document) {
  check_schema(document);
  const Reader in(document, "");
  GradeReport report;
  report.course = in.string("course");
  report.submission = in.string("submission");
  report.sandbox = in.string("sandbox");
  report.hidden_included = in.boolean("hidden_included");
  report.score = in.number("score");
  report.max_score = in.number("max_score");
  for (const Reader& item : in.items("exercises"))
    report.exercises.push_back(read_exercise(item));
  return report;
}

}  // namespace grader
