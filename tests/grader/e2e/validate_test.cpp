// `grader validate` end to end: a consistent copy of the course passes, and
// each broken fixture (a test without a harness test, a harness test without
// an entry, a missing model answer, a mistake naming no test, a schema error)
// gets its exact one-line message and exit code 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_support.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

const fs::path kSource = IPCLAB_SOURCE_DIR;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class GraderValidate : public ::testing::Test {
 protected:
  void SetUp() override {
    course_ = fs::path(e2e::work_dir()) / "validate" /
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(course_);
    fs::create_directories(course_ / "tests/mistakes");
    for (const char* part : {"assignments.yaml", "exercises", "solutions", "reference"}) {
      fs::copy(kSource / part, course_ / part, fs::copy_options::recursive);
    }
    fs::copy(kSource / "tests/mistakes/pipe_ping_pong", course_ / "tests/mistakes/pipe_ping_pong",
             fs::copy_options::recursive);
  }

  Result validate() {
    static ipclab::exec::SystemProcessRunner runner;
    ipclab::exec::ProcessSpec spec;
    spec.executable = IPCLAB_GRADER;
    spec.args = {"--course", course_.string(), "validate", "pipe_ping_pong"};
    ipclab::exec::RunOptions options;
    options.wall_time = 120s;
    ipclab::exec::ProcessResult result = runner.run(spec, options);
    return {result.status.exit_code, result.out, result.err};
  }

  std::string read(const std::string& file) {
    std::ifstream in(course_ / file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// The 1-based number of the first line of `file` holding `text` (so that
  /// editing the course's comments does not break the expected messages).
  std::string line_of(const std::string& file, const std::string& text) {
    std::string before = read(file);
    before.resize(before.find(text));
    return std::to_string(std::count(before.begin(), before.end(), '\n') + 1);
  }

  /// The mistake.yaml (relative to the course) of the first pipe_ping_pong
  /// mistake, in folder order, that edits `file`.
  std::string first_mistake_editing(const std::string& file) {
    std::vector<fs::path> folders{fs::directory_iterator(course_ / "tests/mistakes/pipe_ping_pong"),
                                  {}};
    std::sort(folders.begin(), folders.end());
    for (const fs::path& folder : folders) {
      const std::string yaml =
          "tests/mistakes/pipe_ping_pong/" + folder.filename().string() + "/mistake.yaml";
      if (read(yaml).find("  - file: " + file) != std::string::npos) return yaml;
    }
    return "no mistake edits " + file;
  }

  /// Replaces the first `from` in `file` with `to`.
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read(file);
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(course_ / file) << text;
  }

  fs::path course_;
};

TEST_F(GraderValidate, AConsistentCoursePasses) {
  Result run = validate();
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("assignments.yaml is valid: 6 exercises, "));
  EXPECT_THAT(run.out, HasSubstr("the harnesses of pipe_ping_pong agree with it"));
}

TEST_F(GraderValidate, ATestWithoutHarnessTestAndAHarnessTestWithoutEntry) {
  const std::string exercise_line = line_of("assignments.yaml", "  - id: pipe_ping_pong\n");
  edit("assignments.yaml", "      - id: poll_semantics\n", "      - id: poll_semantic\n");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      "grader: error: assignments.yaml:" + line_of("assignments.yaml", "id: poll_semantic\n") +
          ":9: test 'poll_semantic' has no harness test "
          "pipe_ping_pong.poll_semantic in tests/exercises/pipe_ping_pong/ (add "
          "TEST(pipe_ping_pong, poll_semantic) or remove the entry)\n"
          "grader: error: tests/exercises/pipe_ping_pong/: harness test "
          "pipe_ping_pong.poll_semantics is not declared in assignments.yaml (add it under "
          "exercise 'pipe_ping_pong' at assignments.yaml:" +
          exercise_line +
          ":5, or remove it)\n"
          "grader: error: tests/mistakes/pipe_ping_pong/poll_consumes/mistake.yaml:2:9: no test "
          "'poll_semantics' in exercise 'pipe_ping_pong' (did you mean 'poll_semantic'?)\n");
}

TEST_F(GraderValidate, AMissingModelAnswerIsNamed) {
  fs::remove(course_ / "solutions/pipe_ping_pong/ping_pong.cpp");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      "grader: error: assignments.yaml:" + line_of("assignments.yaml", "  - id: pipe_ping_pong\n") +
          ":5: student file 'ping_pong.cpp' of exercise "
          "'pipe_ping_pong' has no model answer (write solutions/pipe_ping_pong/ping_pong.cpp)\n"
          // The mistakes are edits of the model answer: the first that edits
          // the missing file cannot be checked, and says so at its edit.
          "grader: error: " +
          first_mistake_editing("ping_pong.cpp") + ":" +
          line_of(first_mistake_editing("ping_pong.cpp"), "  - file: ping_pong.cpp") +
          ":11: no model answer solutions/pipe_ping_pong/ping_pong.cpp to edit (write it "
          "first)\n");
}

TEST_F(GraderValidate, AMistakeEditThatNoLongerAppliesIsNamed) {
  const std::string mistake = "tests/mistakes/pipe_ping_pong/host_byte_order/mistake.yaml";
  const std::string comment = "/// The header of a message of `length` bytes: big-endian";
  const std::string line = line_of(mistake, "find: |\n      " + comment);
  // The model answer changes under the edit: as a copy, the mistake would
  // drift unseen; as an edit, it stops applying and says where.
  edit("solutions/pipe_ping_pong/connection.cpp", comment, "/// The length, big-endian");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "grader: error: " + mistake + ":" + line +
                         ":11: the 'find' text of an edit occurs 0 times in connection.cpp (it "
                         "must occur exactly once: update it to the model answer)\n");
}

TEST_F(GraderValidate, ACopyOfAStudentFileInAMistakeIsRefused) {
  fs::copy_file(course_ / "solutions/pipe_ping_pong/connection.cpp",
                course_ / "tests/mistakes/pipe_ping_pong/host_byte_order/connection.cpp");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "grader: error: tests/mistakes/pipe_ping_pong/host_byte_order/connection.cpp: a "
            "mistake holds no copy of a student file: write its change as 'edits:' of "
            "solutions/pipe_ping_pong/connection.cpp in mistake.yaml, then remove the copy\n");
}

TEST_F(GraderValidate, ASchemaErrorNamesItsLine) {
  const std::string line = line_of("assignments.yaml", "        points: 3\n");
  edit("assignments.yaml", "        points: 3\n", "        pionts: 3\n");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err,
              HasSubstr("grader: error: assignments.yaml:" + line + ":9: unknown key 'pionts'"));
}

}  // namespace

namespace {

TEST_F(GraderValidate, ATextWithoutItsSpanishIsNamed) {
  const std::string hint = "          es: Construye la cabecera";
  const std::string line = line_of("assignments.yaml", "en: Build the header");
  edit("assignments.yaml", hint, "          # es: Construye la cabecera");
  Result run = validate();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "grader: error: assignments.yaml:" + line + ":11: 'hint' has no 'es' text\n");
}

/// `grader ARGS` on the course with exactly `env`: its exit code and stdout + stderr.
Result grader_with_env(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course", kSource.string()};
  spec.args.insert(spec.args.end(), args.begin(), args.end());
  spec.env = env;
  ipclab::exec::RunOptions options;
  options.wall_time = 120s;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  return {result.status.exit_code, result.out, result.err};
}

TEST(GraderLanguage, LangThenTheLocaleThenTheCoursesOwn) {
  // The title and the points' words, not the points: tests come and go.
  const auto english = ::testing::AllOf(HasSubstr("Pipe ping-pong (Python's Pipe and Connection)"),
                                        HasSubstr(" points, 1 for building)"));
  const auto spanish =
      ::testing::AllOf(HasSubstr("Ping-pong por una tubería (Pipe y Connection de Python)"),
                       HasSubstr(" puntos, 1 por compilar)"));
  EXPECT_THAT(grader_with_env({"list", "--lang", "es"}, {"LANG=en_US.UTF-8"}).out, spanish);
  EXPECT_THAT(grader_with_env({"--lang", "en", "list"}, {"LANG=es_ES.UTF-8"}).out, english);
  EXPECT_THAT(grader_with_env({"list"}, {"LANG=en_US.UTF-8"}).out, english);
  EXPECT_THAT(grader_with_env({"list"}, {"LC_ALL=es_AR.UTF-8", "LANG=en_US.UTF-8"}).out, spanish);
  EXPECT_THAT(grader_with_env({"list"}, {"LANG=C.UTF-8"}).out, spanish);  // es: course
  EXPECT_THAT(grader_with_env({"list"}, {}).out, spanish);
  Result french = grader_with_env({"--lang", "fr", "list"}, {});
  EXPECT_EQ(french.exit_code, 2);
  EXPECT_EQ(french.err,
            "grader: error: --lang: 'fr' is not a language of this course: pass one of en, es "
            "(assignments.yaml 'languages:')\n");
}

}  // namespace
