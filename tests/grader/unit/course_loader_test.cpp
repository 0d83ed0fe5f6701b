#include "config/course_loader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// A course folder with two exercises' files, removed after the test.
class CourseLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("grader_course_loader_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    for (const char* file : {"README.md", "connection.cpp", "connection.hpp", "ping_pong.cpp"}) {
      write("exercises/pipe_ping_pong/" + std::string(file), "");
    }
    write("exercises/counter/README.md", "");
    write("exercises/counter/counter.cpp", "");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
  }

  Course parse(const std::string& yaml) { return parse_course(yaml, "assignments.yaml", root_); }

  /// The full what() of the ConfigError parsing `yaml` throws, or "no error".
  std::string error(const std::string& yaml) {
    try {
      parse(yaml);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  }

  fs::path root_;
};

/// One exercise with one test (wire_format, 3 points) ending on line 8;
/// `extra` continues the test's map at line 9, column 9.
std::string with_test_lines(const std::string& extra) {
  return "course: IPC Lab\n"
         "exercises:\n"
         "  - id: pipe_ping_pong\n"
         "    title: Pipe ping-pong\n"
         "    student_files: [connection.cpp, ping_pong.cpp]\n"
         "    tests:\n"
         "      - id: wire_format\n"
         "        points: 3\n" +
         extra;
}

const char* const kComplete = R"(course: IPC Lab
defaults:
  build_points: 1
  timeout: 10s
  trials: 2
  limits: { memory: 1GiB, cpu: 5s, output: 64KiB, file_size: 10MB, open_files: 64, processes: 32 }
exercises:
  - id: pipe_ping_pong
    title: Pipe ping-pong
    student_files: [connection.cpp, ping_pong.cpp]
    tests:
      - id: wire_format
        points: 3
        hint: "Use htonl."
        description: The length header is big-endian.
      - id: recv_split_frames
        points: 1.5
        visibility: hidden
        trials: 5
        timeout: 1.5s
        limits: { memory: 512MiB, cpu: 1m }
  - id: counter
    title: Counter
    statement: exercises/counter/README.md
    student_files: [counter.cpp]
    build_points: 0
    tests:
      - id: counts
        points: 2
)";

TEST_F(CourseLoaderTest, ReadsACompleteFileWithDefaultsMergedIntoTests) {
  Course course = parse(kComplete);
  EXPECT_EQ(course.root, root_);
  EXPECT_EQ(course.name, "IPC Lab");
  ASSERT_EQ(course.exercises.size(), 2u);
  const ExerciseSpec& pipe = course.exercises[0];
  EXPECT_EQ(pipe.id, "pipe_ping_pong");
  EXPECT_EQ(pipe.title, "Pipe ping-pong");
  EXPECT_EQ(pipe.statement, "exercises/pipe_ping_pong/README.md");
  EXPECT_EQ(pipe.student_files, (std::vector<std::string>{"connection.cpp", "ping_pong.cpp"}));
  EXPECT_EQ(pipe.build_points, 1);
  EXPECT_EQ(pipe.max_points(), 5.5);
  EXPECT_EQ(pipe.where.file, "assignments.yaml");
  EXPECT_EQ(pipe.where.line, 8);
  EXPECT_EQ(pipe.where.column, 5);
  ASSERT_EQ(pipe.tests.size(), 2u);

  const TestSpec& wire = pipe.tests[0];
  EXPECT_EQ(wire.id, "wire_format");
  EXPECT_EQ(wire.points, 3);
  EXPECT_EQ(wire.visibility, Visibility::visible);
  EXPECT_EQ(wire.trials, 2);
  EXPECT_EQ(wire.hint, "Use htonl.");
  EXPECT_EQ(wire.description, "The length header is big-endian.");
  EXPECT_EQ(wire.limits.timeout, milliseconds(10'000));
  EXPECT_EQ(wire.limits.cpu_time, seconds(5));
  EXPECT_EQ(wire.limits.memory_bytes, 1ull << 30);
  EXPECT_EQ(wire.limits.output_bytes, 64u << 10);
  EXPECT_EQ(wire.limits.file_size_bytes, 10'000'000u);
  EXPECT_EQ(wire.limits.open_files, 64u);
  EXPECT_EQ(wire.limits.processes, 32u);
  EXPECT_EQ(wire.where.line, 12);
  EXPECT_EQ(wire.where.column, 9);

  const TestSpec& split = pipe.tests[1];
  EXPECT_EQ(split.points, 1.5);
  EXPECT_EQ(split.visibility, Visibility::hidden);
  EXPECT_EQ(split.trials, 5);
  EXPECT_EQ(split.limits.timeout, milliseconds(1'500));
  EXPECT_EQ(split.limits.memory_bytes, 512u << 20);
  EXPECT_EQ(split.limits.cpu_time, seconds(60));
  EXPECT_EQ(split.limits.output_bytes, 64u << 10);  // from the defaults
  EXPECT_EQ(split.limits.open_files, 64u);

  const ExerciseSpec& counter = course.exercises[1];
  EXPECT_EQ(counter.statement, "exercises/counter/README.md");
  EXPECT_EQ(counter.build_points, 0);
  EXPECT_EQ(counter.tests[0].limits.timeout, milliseconds(10'000));
}

TEST_F(CourseLoaderTest, WithoutDefaultsUsesTheModelsDefaults) {
  Course course = parse(with_test_lines(""));
  const ExerciseSpec& pipe = course.exercises.at(0);
  EXPECT_EQ(pipe.build_points, 0);
  EXPECT_EQ(pipe.statement, "exercises/pipe_ping_pong/README.md");
  const TestSpec& test = pipe.tests.at(0);
  EXPECT_EQ(test.trials, 1);
  EXPECT_EQ(test.visibility, Visibility::visible);
  EXPECT_EQ(test.hint, "");
  Limits defaults;
  EXPECT_EQ(test.limits.timeout, defaults.timeout);
  EXPECT_EQ(test.limits.cpu_time, defaults.cpu_time);
  EXPECT_EQ(test.limits.memory_bytes, defaults.memory_bytes);
  EXPECT_EQ(test.limits.output_bytes, defaults.output_bytes);
  EXPECT_EQ(test.limits.file_size_bytes, defaults.file_size_bytes);
  EXPECT_EQ(test.limits.open_files, defaults.open_files);
  EXPECT_EQ(test.limits.processes, defaults.processes);
}

TEST_F(CourseLoaderTest, LoadCourseReadsAssignmentsYamlFromTheRoot) {
  write("assignments.yaml", kComplete);
  Course course = load_course(root_);
  EXPECT_EQ(course.exercises.size(), 2u);
  write("assignments.yaml", "course: IPC Lab\nexercise: []\n");
  try {
    load_course(root_);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "assignments.yaml:2:1: unknown key 'exercise' (did you mean 'exercises'?)");
    EXPECT_EQ(e.message(), "unknown key 'exercise' (did you mean 'exercises'?)");
    EXPECT_EQ(e.where().line, 2);
  }
}

TEST_F(CourseLoaderTest, AMissingFileIsNamedByItsFullPath) {
  try {
    load_course(root_ / "nowhere");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.what(), (root_ / "nowhere" / "assignments.yaml").string() + ": not found");
  }
}

TEST_F(CourseLoaderTest, ReportsYamlSyntaxErrorsAtTheirPosition) {
  EXPECT_EQ(error("course: IPC Lab\nexercises: [a, b\n"),
            "assignments.yaml:3:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(error("course: IPC Lab\n  title: x\n"),
            "assignments.yaml:2:8: invalid YAML: illegal map value");
  EXPECT_EQ(error(""), "assignments.yaml: the file is empty");
  EXPECT_EQ(error("# nothing yet\n"), "assignments.yaml: the file is empty");
  EXPECT_EQ(error("- a\n- b\n"), "assignments.yaml:1:1: the file must be a map, got a list");
}

TEST_F(CourseLoaderTest, RejectsUnknownKeysWithASuggestion) {
  EXPECT_EQ(error(with_test_lines("        timout: 5s\n")),
            "assignments.yaml:9:9: unknown key 'timout' (did you mean 'timeout'?)");
  EXPECT_EQ(error(with_test_lines("        limits: { memroy: 1GiB }\n")),
            "assignments.yaml:9:19: unknown key 'memroy' (did you mean 'memory'?)");
  EXPECT_EQ(error("course: IPC Lab\ndefault: {}\nexercises: []\n"),
            "assignments.yaml:2:1: unknown key 'default' (did you mean 'defaults'?)");
}

TEST_F(CourseLoaderTest, ListsTheAllowedKeysWhenNoneIsClose) {
  EXPECT_EQ(error(with_test_lines("        foo: 1\n")),
            "assignments.yaml:9:9: unknown key 'foo' (expected one of: id, points, visibility, "
            "trials, timeout, limits, hint, hints, description, sanitize, exclusive)");
  EXPECT_EQ(error("course: IPC Lab\ndefaults: { hints: x }\nexercises: []\n"),
            "assignments.yaml:2:13: unknown key 'hints' (expected one of: build_points, timeout, "
            "trials, limits)");
}

TEST_F(CourseLoaderTest, ReadsHintsKeyedByWhatHappened) {
  Course course =
      parse(with_test_lines("        hint: the topic\n"
                            "        hints:\n"
                            "          - outcome: timed_out\n"
                            "            hint: a hang\n"
                            "          - message: negative length\n"
                            "            hint: signed\n"));
  const TestSpec& test = course.exercises[0].tests[0];
  EXPECT_EQ(test.hint, "the topic");
  ASSERT_EQ(test.hints.size(), 2u);
  EXPECT_EQ(test.hints[0].outcome, Outcome::timed_out);
  EXPECT_EQ(test.hints[0].message, "");
  EXPECT_EQ(test.hints[0].hint, "a hang");
  EXPECT_EQ(test.hints[1].outcome, std::nullopt);
  EXPECT_EQ(test.hints[1].message, "negative length");
}

TEST_F(CourseLoaderTest, RejectsAKeyedHintItCannotUse) {
  EXPECT_EQ(
      error(with_test_lines("        hints:\n          - outcom: crashed\n            hint: x\n")),
      "assignments.yaml:10:13: unknown key 'outcom' (did you mean 'outcome'?)");
  EXPECT_EQ(
      error(with_test_lines("        hints:\n          - outcome: passed\n            hint: x\n")),
      "assignments.yaml:10:22: 'outcome' must be failed, timed_out, crashed or "
      "output_limit, got 'passed'");
  EXPECT_EQ(error(with_test_lines("        hints:\n          - hint: x\n")),
            "assignments.yaml:10:19: a keyed hint needs 'outcome' or 'message' to say when it "
            "applies (a hint for every failure is the test's 'hint')");
  EXPECT_EQ(error(with_test_lines("        hints: a hint\n")).substr(0, 24),
            "assignments.yaml:9:16: '");
}

TEST_F(CourseLoaderTest, RejectsARepeatedKey) {
  EXPECT_EQ(error(with_test_lines("        points: 4\n")),
            "assignments.yaml:9:9: duplicate key 'points' (first defined at line 8)");
}

TEST_F(CourseLoaderTest, RejectsMissingRequiredKeysAtTheirMap) {
  EXPECT_EQ(error("exercises: []\n"), "assignments.yaml:1:1: the file is missing 'course'");
  EXPECT_EQ(error("course: IPC Lab\n"), "assignments.yaml:1:1: the file is missing 'exercises'");
  EXPECT_EQ(error("course: IPC Lab\n"
                  "exercises:\n"
                  "  - id: pipe_ping_pong\n"
                  "    student_files: [connection.cpp]\n"
                  "    tests: []\n"),
            "assignments.yaml:3:5: exercise is missing 'title'");
  EXPECT_EQ(error("course: IPC Lab\n"
                  "exercises:\n"
                  "  - id: pipe_ping_pong\n"
                  "    title: Pipe\n"
                  "    student_files: [connection.cpp]\n"
                  "    tests:\n"
                  "      - id: wire_format\n"),
            "assignments.yaml:7:9: test is missing 'points'");
}

TEST_F(CourseLoaderTest, ReadsTheSanitizeFlag) {
  Course course = parse(with_test_lines("        sanitize: true\n"));
  EXPECT_TRUE(course.exercises.at(0).tests.at(0).sanitize);
  course = parse(with_test_lines("        sanitize: false\n"));
  EXPECT_FALSE(course.exercises.at(0).tests.at(0).sanitize);
  course = parse(with_test_lines(""));
  EXPECT_FALSE(course.exercises.at(0).tests.at(0).sanitize) << "off unless asked for";
  EXPECT_EQ(error(with_test_lines("        sanitize: yes\n")),
            "assignments.yaml:9:19: 'sanitize' must be true or false, got 'yes'");
  EXPECT_EQ(error(with_test_lines("        sanitize: [asan]\n")),
            "assignments.yaml:9:19: 'sanitize' must be true or false, got a list");
}

TEST_F(CourseLoaderTest, RejectsValuesOfTheWrongType) {
  EXPECT_EQ(error(with_test_lines("").replace(with_test_lines("").find("3\n"), 1, "three")),
            "assignments.yaml:8:17: 'points' must be a number, got 'three'");
  EXPECT_EQ(error(with_test_lines("        hint: [a, b]\n")),
            "assignments.yaml:9:15: 'hint' must be a string, got a list");
  EXPECT_EQ(error(with_test_lines("        limits: 1GiB\n")),
            "assignments.yaml:9:17: 'limits' must be a map");
  EXPECT_EQ(error(with_test_lines("        visibility: secret\n")),
            "assignments.yaml:9:21: 'visibility' must be 'visible' or 'hidden', got 'secret'");
  EXPECT_EQ(error(with_test_lines("        description:\n")),
            "assignments.yaml:9:9: 'description' must be a string, got an empty value");
  EXPECT_EQ(error("course: IPC Lab\nexercises: pipe_ping_pong\n"),
            "assignments.yaml:2:12: 'exercises' must be a list");
  EXPECT_EQ(error("course: IPC Lab\nexercises: []\n"),
            "assignments.yaml:2:12: 'exercises' must not be empty");
  EXPECT_EQ(error("course: IPC Lab\nexercises: [pipe_ping_pong]\n"),
            "assignments.yaml:2:13: exercise must be a map, got 'pipe_ping_pong'");
  EXPECT_EQ(error("course: ''\nexercises: []\n"),
            "assignments.yaml:1:9: 'course' must not be empty");
}

TEST_F(CourseLoaderTest, RejectsNumbersOutOfRange) {
  EXPECT_EQ(error(with_test_lines("        trials: 0\n")),
            "assignments.yaml:9:17: 'trials' must be between 1 and 1000, got '0'");
  EXPECT_EQ(error(with_test_lines("        trials: 1.5\n")),
            "assignments.yaml:9:17: 'trials' must be a whole number, got '1.5'");
  EXPECT_EQ(error(with_test_lines("        limits: { open_files: 0 }\n")),
            "assignments.yaml:9:31: 'open_files' must be between 1 and 1048576, got '0'");
  std::string negative = with_test_lines("");
  negative.replace(negative.find("3\n"), 1, "-1");
  EXPECT_EQ(error(negative), "assignments.yaml:8:17: 'points' must be at least 0, got '-1'");
}

TEST_F(CourseLoaderTest, ReportsBadUnitsAtTheValue) {
  EXPECT_EQ(error(with_test_lines("        timeout: 5\n")),
            "assignments.yaml:9:18: missing unit in '5': write it as '5s' or '5000ms'");
  EXPECT_EQ(error(with_test_lines("        timeout: 5sec\n")),
            "assignments.yaml:9:18: unknown unit 'sec' in '5sec' (use ms, s, m or h)");
  EXPECT_EQ(error(with_test_lines("        limits: { memory: 512 }\n")),
            "assignments.yaml:9:27: missing unit in '512': write it as '512MiB' or '512B'");
  EXPECT_EQ(error(with_test_lines("        timeout: 0s\n")),
            "assignments.yaml:9:18: 'timeout' must be greater than zero");
  EXPECT_EQ(error(with_test_lines("        limits: { cpu: 1500ms }\n")),
            "assignments.yaml:9:24: 'cpu' must be a whole number of seconds, got '1500ms'");
  EXPECT_EQ(error(with_test_lines("        limits: { memory: 0B }\n")),
            "assignments.yaml:9:27: 'memory' must be greater than zero");
  EXPECT_EQ(error("course: IPC Lab\ndefaults:\n  timeout: -1s\nexercises: []\n"),
            "assignments.yaml:3:12: duration '-1s' must not be negative");
}

TEST_F(CourseLoaderTest, RejectsBadAndDuplicateIds) {
  EXPECT_EQ(error(with_test_lines("      - id: Wire-Format\n        points: 1\n")),
            "assignments.yaml:9:13: id 'Wire-Format' must be a lowercase letter followed by "
            "lowercase letters, digits or '_'");
  EXPECT_EQ(error(with_test_lines("      - id: wire_format\n        points: 1\n")),
            "assignments.yaml:9:13: duplicate test id 'wire_format' in exercise 'pipe_ping_pong' "
            "(first defined at line 7)");
  std::string twice =
      with_test_lines("") + with_test_lines("").substr(with_test_lines("").find("  - id"));
  EXPECT_EQ(error(twice),
            "assignments.yaml:9:9: duplicate exercise id 'pipe_ping_pong' (first "
            "defined at line 3)");
}

/// An exercise whose `student_files` and `statement` lines are given.
std::string with_files(const std::string& files_line, const std::string& statement_line = "") {
  return "course: IPC Lab\n"
         "exercises:\n"
         "  - id: pipe_ping_pong\n"
         "    title: Pipe ping-pong\n" +
         statement_line + files_line +
         "    tests:\n"
         "      - id: wire_format\n"
         "        points: 3\n";
}

TEST_F(CourseLoaderTest, RejectsStudentFilesThatDoNotExist) {
  EXPECT_EQ(error(with_files("    student_files: [conection.cpp]\n")),
            "assignments.yaml:5:21: student file 'exercises/pipe_ping_pong/conection.cpp' does not "
            "exist (did you mean 'connection.cpp'?)");
  EXPECT_EQ(error(with_files("    student_files: [connection.cpp, sockets.cpp]\n")),
            "assignments.yaml:5:37: student file 'exercises/pipe_ping_pong/sockets.cpp' does not "
            "exist");
}

TEST_F(CourseLoaderTest, RejectsStudentFilesThatAreNotPlainNames) {
  EXPECT_EQ(error(with_files("    student_files: [src/connection.cpp]\n")),
            "assignments.yaml:5:21: student file 'src/connection.cpp' must be a plain file name "
            "(no '/' or '..')");
  EXPECT_EQ(error(with_files("    student_files: ['..']\n")),
            "assignments.yaml:5:21: student file '..' must be a plain file name (no '/' or '..')");
  EXPECT_EQ(error(with_files("    student_files: [[connection.cpp]]\n")),
            "assignments.yaml:5:21: 'student_files' must hold file names, got a list");
  EXPECT_EQ(error(with_files("    student_files: [ping_pong.cpp, ping_pong.cpp]\n")),
            "assignments.yaml:5:36: student file 'ping_pong.cpp' is listed twice");
  EXPECT_EQ(error(with_files("    student_files: connection.cpp\n")),
            "assignments.yaml:5:20: 'student_files' must be a list");
}

TEST_F(CourseLoaderTest, RejectsAMissingFolderOrStatement) {
  std::string other = with_files("    student_files: [a.cpp]\n");
  other.replace(other.find("pipe_ping_pong"), 14, "ring_buffer");
  EXPECT_EQ(error(other),
            "assignments.yaml:3:9: exercise folder 'exercises/ring_buffer' does not exist");
  EXPECT_EQ(error(with_files("    student_files: [connection.cpp]\n",
                             "    statement: exercises/pipe_ping_pong/TASK.md\n")),
            "assignments.yaml:5:16: statement 'exercises/pipe_ping_pong/TASK.md' does not exist");
  EXPECT_EQ(
      error(with_files("    student_files: [connection.cpp]\n", "    statement: /etc/passwd\n")),
      "assignments.yaml:5:16: statement '/etc/passwd' must be relative to the course folder");
  fs::remove(root_ / "exercises/pipe_ping_pong/README.md");
  EXPECT_EQ(error(with_files("    student_files: [connection.cpp]\n")),
            "assignments.yaml:3:5: statement 'exercises/pipe_ping_pong/README.md' does not exist");
}

TEST_F(CourseLoaderTest, GradescopeHiddenTestVisibilityIsSetAndChecked) {
  EXPECT_EQ(parse(with_test_lines("")).gradescope_hidden_tests, "after_published");
  const std::string hidden_until_due =
      with_test_lines("") + "gradescope:\n  hidden_tests: after_due_date\n";
  EXPECT_EQ(parse(hidden_until_due).gradescope_hidden_tests, "after_due_date");
  EXPECT_EQ(error(with_test_lines("") + "gradescope:\n  hidden_tests: after_publish\n"),
            "assignments.yaml:10:17: unknown Gradescope visibility 'after_publish' (did you "
            "mean 'after_published'?)");
  EXPECT_EQ(error(with_test_lines("") + "gradescope:\n  hiden_tests: hidden\n"),
            "assignments.yaml:10:3: unknown key 'hiden_tests' (did you mean 'hidden_tests'?)");
}

TEST(ConfigError, LeavesOutAnUnknownLineOrColumn) {
  EXPECT_STREQ(ConfigError({"a.yaml", 14, 5}, "bad").what(), "a.yaml:14:5: bad");
  EXPECT_STREQ(ConfigError({"a.yaml", 14, 0}, "bad").what(), "a.yaml:14: bad");
  EXPECT_STREQ(ConfigError({"/c/a.yaml"}, "not found").what(), "/c/a.yaml: not found");
}

}  // namespace
}  // namespace grader
