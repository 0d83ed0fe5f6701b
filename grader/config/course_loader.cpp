#include "config/course_loader.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "config/config_error.hpp"
#include "config/exercise_files.hpp"
#include "config/localized_text.hpp"
#include "config/suggest.hpp"
#include "config/units.hpp"
#include "config/yaml_file.hpp"
#include "config/yaml_map_reader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kCourseShape{
    "the file",
    {"course", "language", "languages", "defaults", "exercises", "gradescope"},
    {"course", "exercises"}};
const MapShape kGradescopeShape{"gradescope", {"hidden_tests"}, {}};
const MapShape kDefaultsShape{"defaults", {"build_points", "timeout", "trials", "limits"}, {}};
const MapShape kLimitsShape{
    "limits", {"memory", "cpu", "output", "file_size", "open_files", "processes"}, {}};
const MapShape kExerciseShape{
    "exercise",
    {"id", "title", "statement", "student_files", "build_points", "tests"},
    {"id", "title", "student_files", "tests"}};
const MapShape kTestShape{"test",
                          {"id", "points", "visibility", "trials", "timeout", "limits", "hint",
                           "hints", "description", "sanitize", "exclusive"},
                          {"id", "points"}};
const MapShape kKeyedHintShape{"keyed hint", {"outcome", "message", "hint"}, {"hint"}};

/// What `defaults:` gives every exercise and test that does not say otherwise.
struct Defaults {
  double build_points = 0;
  int trials = 1;
  Limits limits;
};

/// The languages of the course's texts, the one this run reads, and the
/// texts found lacking a language (for `grader validate`).
struct CourseTexts {
  TextLanguages languages;
  std::vector<std::string> missing;

  /// The text of `key`, which must be there.
  std::string required(const YamlMapReader& map, const std::string& key) {
    return *read_localized(map, key, languages, missing);
  }
  /// The text of `key`, or "".
  std::string optional(const YamlMapReader& map, const std::string& key) {
    return read_localized(map, key, languages, missing).value_or("");
  }
};

std::string read_id(const YamlMapReader& map) {
  std::string id = *map.string("id");
  if (!is_identifier(id)) {
    map.fail("id", fmt::format("id {} must be a lowercase letter followed by lowercase "
                               "letters, digits or '_'",
                               quote(id)));
  }
  return id;
}

std::string read_text(const YamlMapReader& map, const std::string& key) {
  std::string text = *map.string(key);
  if (text.empty()) map.fail(key, fmt::format("'{}' must not be empty", key));
  return text;
}

std::chrono::milliseconds read_positive_duration(const YamlMapReader& map, const std::string& key,
                                                 std::chrono::milliseconds fallback) {
  std::chrono::milliseconds value = map.duration(key).value_or(fallback);
  if (value.count() == 0) map.fail(key, fmt::format("'{}' must be greater than zero", key));
  return value;
}

/// RLIMIT_CPU counts whole seconds.
std::chrono::seconds read_cpu_time(const YamlMapReader& map, std::chrono::seconds fallback) {
  std::chrono::milliseconds value = read_positive_duration(map, "cpu", fallback);
  if (value.count() % 1000 != 0) {
    map.fail("cpu", fmt::format("'cpu' must be a whole number of seconds, got {}",
                                quote(*map.string("cpu"))));
  }
  return std::chrono::duration_cast<std::chrono::seconds>(value);
}

/// Overrides the limits the map names; the others keep their value.
void apply_limits(const YamlMapReader& map, Limits& limits) {
  limits.cpu_time = read_cpu_time(map, limits.cpu_time);
  limits.memory_bytes = map.size("memory").value_or(limits.memory_bytes);
  if (limits.memory_bytes == 0) map.fail("memory", "'memory' must be greater than zero");
  limits.output_bytes = map.size("output").value_or(limits.output_bytes);
  limits.file_size_bytes = map.size("file_size").value_or(limits.file_size_bytes);
  limits.open_files = static_cast<std::uint64_t>(
      map.integer("open_files", 1, 1 << 20).value_or(static_cast<std::int64_t>(limits.open_files)));
  limits.processes = static_cast<std::uint64_t>(
      map.integer("processes", 0, 1 << 20).value_or(static_cast<std::int64_t>(limits.processes)));
}

/// `trials`, `timeout` and `limits`, which both defaults and tests may set.
void apply_run_settings(const YamlMapReader& map, int& trials, Limits& limits) {
  trials = static_cast<int>(map.integer("trials", 1, 1000).value_or(trials));
  limits.timeout = read_positive_duration(map, "timeout", limits.timeout);
  if (std::optional<YamlMapReader> limits_map = map.map("limits", kLimitsShape)) {
    apply_limits(*limits_map, limits);
  }
}

Defaults read_defaults(const YamlMapReader& course_map) {
  Defaults defaults;
  std::optional<YamlMapReader> map = course_map.map("defaults", kDefaultsShape);
  if (!map) return defaults;
  defaults.build_points = map->number("build_points", 0).value_or(defaults.build_points);
  apply_run_settings(*map, defaults.trials, defaults.limits);
  return defaults;
}

Visibility read_visibility(const YamlMapReader& map) {
  std::string text = map.string("visibility").value_or("visible");
  if (text == "visible") return Visibility::visible;
  if (text == "hidden") return Visibility::hidden;
  map.fail("visibility",
           fmt::format("'visibility' must be 'visible' or 'hidden', got {}", quote(text)));
}

/// A keyed hint's `outcome:`, one the student's code can cause.
std::optional<Outcome> read_hint_outcome(const YamlMapReader& map) {
  const std::optional<std::string> text = map.string("outcome");
  if (!text) return std::nullopt;
  for (Outcome outcome :
       {Outcome::failed, Outcome::timed_out, Outcome::crashed, Outcome::output_limit}) {
    if (*text == to_string(outcome)) return outcome;
  }
  map.fail("outcome", fmt::format("'outcome' must be failed, timed_out, crashed or output_limit, "
                                  "got '{}'",
                                  *text));
}

/// `hints:`, a list of {outcome, message, hint}: hints for particular failures.
std::vector<KeyedHint> read_keyed_hints(const YamlMapReader& test_map, CourseTexts& texts) {
  std::vector<KeyedHint> hints;
  const std::optional<YAML::Node> list = test_map.list("hints");
  if (!list) return hints;
  for (const YAML::Node& node : *list) {
    YamlMapReader map(node, kKeyedHintShape, test_map.file());
    KeyedHint hint{read_hint_outcome(map), map.string("message").value_or(""),
                   texts.required(map, "hint")};
    if (!hint.outcome && hint.message.empty()) {
      map.fail("hint",
               "a keyed hint needs 'outcome' or 'message' to say when it applies (a hint "
               "for every failure is the test's 'hint')");
    }
    hints.push_back(std::move(hint));
  }
  return hints;
}

TestSpec read_test(const YamlMapReader& map, const std::string& id, const Defaults& defaults,
                   CourseTexts& texts) {
  TestSpec test;
  test.id = id;
  test.points = *map.number("points", 0);
  test.visibility = read_visibility(map);
  test.trials = defaults.trials;
  test.limits = defaults.limits;
  apply_run_settings(map, test.trials, test.limits);
  test.hint = texts.optional(map, "hint");
  test.hints = read_keyed_hints(map, texts);
  test.description = texts.optional(map, "description");
  test.sanitize = map.boolean("sanitize").value_or(false);
  test.exclusive = map.boolean("exclusive").value_or(false);
  test.where = map.where();
  return test;
}

std::vector<TestSpec> read_tests(const YamlMapReader& exercise_map, const std::string& exercise_id,
                                 const Defaults& defaults, CourseTexts& texts) {
  std::vector<TestSpec> tests;
  UniqueIds ids;
  const std::optional<YAML::Node> tests_yaml = exercise_map.list("tests");
  for (const YAML::Node& node : *tests_yaml) {
    YamlMapReader map(node, kTestShape, exercise_map.file());
    std::string id = read_id(map);
    ids.add(map, id, "test id", " in exercise " + quote(exercise_id));
    tests.push_back(read_test(map, id, defaults, texts));
  }
  return tests;
}

ExerciseSpec read_exercise(const YamlMapReader& map, const std::string& id,
                           const Defaults& defaults, const fs::path& root, CourseTexts& texts) {
  ExerciseSpec exercise;
  exercise.id = id;
  exercise.where = map.where();
  exercise.title = texts.required(map, "title");
  check_exercise_folder(map, exercise, root);
  exercise.statement = read_statement(map, exercise, root);
  exercise.student_files = read_student_files(map, exercise, root);
  exercise.build_points = map.number("build_points", 0).value_or(defaults.build_points);
  exercise.tests = read_tests(map, id, defaults, texts);
  return exercise;
}

std::vector<ExerciseSpec> read_exercises(const YamlMapReader& course_map, const Defaults& defaults,
                                         const fs::path& root, CourseTexts& texts) {
  std::vector<ExerciseSpec> exercises;
  UniqueIds ids;
  const std::optional<YAML::Node> exercises_yaml = course_map.list("exercises");
  for (const YAML::Node& node : *exercises_yaml) {
    YamlMapReader map(node, kExerciseShape, course_map.file());
    std::string id = read_id(map);
    ids.add(map, id, "exercise id");
    exercises.push_back(read_exercise(map, id, defaults, root, texts));
  }
  return exercises;
}

/// A language code: two or three lowercase letters (ISO 639).
std::string read_language_code(const YamlMapReader& map, const std::string& key,
                               const std::string& code) {
  bool ok = code.size() >= 2 && code.size() <= 3 &&
            code.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
  if (!ok) {
    map.fail(key,
             fmt::format("{} is not a language code (two lowercase letters: en, es)", quote(code)));
  }
  return code;
}

/// `languages:` (default: [`language:`]) and `language:` (default: en, the
/// first of `languages:` when only that is given).
std::vector<std::string> read_languages(const YamlMapReader& map, std::string& course_language) {
  std::vector<std::string> languages;
  if (const std::optional<YAML::Node> list = map.list("languages")) {
    for (const YAML::Node& item : *list) {
      if (!item.IsScalar()) map.fail_at(item, "'languages' must hold language codes (en, es)");
      languages.push_back(read_language_code(map, "languages", item.Scalar()));
    }
  }
  course_language = read_language_code(
      map, "language", map.string("language").value_or(languages.empty() ? "en" : languages[0]));
  if (languages.empty()) languages.push_back(course_language);
  if (std::find(languages.begin(), languages.end(), course_language) == languages.end()) {
    map.fail("language",
             fmt::format("'language' must be one of 'languages' ({})", fmt::join(languages, ", ")));
  }
  return languages;
}

/// The first of `preferred` the course is written in, else its own language.
std::string chosen_language(const Course& course, const std::vector<std::string>& preferred) {
  for (const std::string& language : preferred) {
    auto& all = course.languages;
    if (std::find(all.begin(), all.end(), language) != all.end()) return language;
  }
  return course.language;
}

/// `gradescope: {hidden_tests: ...}`: when Gradescope shows students the
/// hidden tests' results (its own visibility words).
std::string read_gradescope_hidden(const YamlMapReader& course_map) {
  const std::optional<YamlMapReader> map = course_map.map("gradescope", kGradescopeShape);
  if (!map) return kGradescopeHiddenDefault;
  const std::string text = map->string("hidden_tests").value_or(kGradescopeHiddenDefault);
  const std::vector<std::string> known = {"hidden", "after_due_date", "after_published", "visible"};
  if (std::find(known.begin(), known.end(), text) == known.end()) {
    map->fail("hidden_tests", fmt::format("unknown Gradescope visibility {}{}", quote(text),
                                          alternatives(text, known, "one of")));
  }
  return text;
}

Course read_course(const YAML::Node& document, const std::string& display_name,
                   const fs::path& course_root, const std::vector<std::string>& preferred) {
  YamlMapReader map(document, kCourseShape, display_name);
  Course course;
  course.root = course_root;
  course.name = read_text(map, "course");
  course.languages = read_languages(map, course.language);
  CourseTexts texts{{course.languages, chosen_language(course, preferred)}, {}};
  Defaults defaults = read_defaults(map);
  course.exercises = read_exercises(map, defaults, course_root, texts);
  course.text_language = texts.languages.chosen;
  course.untranslated = std::move(texts.missing);
  course.gradescope_hidden_tests = read_gradescope_hidden(map);
  return course;
}

}  // namespace

Course parse_course(std::string_view yaml_text, const std::string& display_name,
                    const fs::path& course_root, const std::vector<std::string>& preferred) {
  return read_course(parse_yaml(yaml_text, display_name), display_name, course_root, preferred);
}

Course load_course(const fs::path& course_root, const std::vector<std::string>& preferred) {
  const std::string name = "assignments.yaml";
  return read_course(load_yaml_file(course_root / name, name), name, course_root, preferred);
}

}  // namespace grader
