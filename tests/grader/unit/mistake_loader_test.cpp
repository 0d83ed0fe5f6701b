#include "config/mistake_loader.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "course_folder.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const char* const kAssignments = R"(course: IPC Lab
exercises:
  - id: pipe_ping_pong
    title: Pipe ping-pong
    student_files: [connection.cpp, ping_pong.cpp]
    tests:
      - { id: wire_format, points: 3 }
      - { id: recv_split_frames, points: 2 }
  - id: counter
    title: Counter
    student_files: [counter.cpp]
    tests:
      - { id: counts, points: 1 }
)";

const char* const kHostOrder = R"(description: The length header is written in host byte order.
fails: [wire_format, recv_split_frames]
feedback: big-endian
edits:
  - file: connection.cpp
    find: htonl(size)
    replace: size
)";

/// An `edits:` list that applies to the model answer of counter.
const char* const kCounterEdit =
    "edits:\n  - file: counter.cpp\n    find: '+= 1'\n    replace: '+= 2'\n";

/// A course folder with two exercises and a tests/mistakes corpus, removed
/// after the test.
class MistakeLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* file : {"README.md", "connection.cpp", "ping_pong.cpp"}) {
      write("exercises/pipe_ping_pong/" + std::string(file));
    }
    write("exercises/counter/README.md");
    write("exercises/counter/counter.cpp");
    write("solutions/pipe_ping_pong/connection.cpp", "write_u32(htonl(size));\n");
    write("solutions/pipe_ping_pong/ping_pong.cpp", "ping();\n");
    write("solutions/counter/counter.cpp", "count += 1;\n");
    course_ = parse_course(kAssignments, "assignments.yaml", root_);
  }
  void write(const std::string& relative, const std::string& text = "") {
    folder_.write(relative, text);
  }

  /// A mistake folder tests/mistakes/<exercise>/<name> with `yaml` and, beside
  /// it, the (refused) `files`.
  fs::path mistake(const std::string& exercise_and_name, const std::string& yaml,
                   const std::vector<std::string>& files = {}) {
    std::string folder = "tests/mistakes/" + exercise_and_name + "/";
    write(folder + "mistake.yaml", yaml);
    for (const std::string& file : files)
      write(folder + file, "// wrong\n");
    return root_ / folder;
  }

  /// The full what() of the ConfigError loading `dir` throws, or "no error".
  std::string error(const fs::path& dir) {
    try {
      load_mistake(dir, course_);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  }

  testing::CourseFolder folder_{"mistake_loader"};
  const fs::path& root_ = folder_.root();
  Course course_;
};

TEST_F(MistakeLoaderTest, ReadsAMistake) {
  fs::path dir =
      mistake("pipe_ping_pong/host_order", std::string(kHostOrder) + "  - file: ping_pong.cpp\n" +
                                               "    find: ping\n    replace: pong\n");
  MistakeSpec spec = load_mistake(dir, course_);
  EXPECT_EQ(spec.exercise_id, "pipe_ping_pong");
  EXPECT_EQ(spec.name, "host_order");
  EXPECT_EQ(spec.dir, root_ / "tests/mistakes/pipe_ping_pong/host_order");
  EXPECT_EQ(spec.description, "The length header is written in host byte order.");
  EXPECT_EQ(spec.fails, (std::vector<std::string>{"wire_format", "recv_split_frames"}));
  EXPECT_EQ(spec.feedback, std::vector<std::string>{"big-endian"});
  EXPECT_EQ(spec.files, (std::vector<std::string>{"connection.cpp", "ping_pong.cpp"}));
  EXPECT_EQ(spec.where.file, "tests/mistakes/pipe_ping_pong/host_order/mistake.yaml");
  EXPECT_EQ(spec.where.line, 1);
  EXPECT_EQ(spec.where.column, 1);
}

TEST_F(MistakeLoaderTest, FeedbackIsOptional) {
  fs::path dir = mistake("counter/off_by_one",
                         "description: Off by one.\nfails: [counts]\n" + std::string(kCounterEdit));
  MistakeSpec spec = load_mistake(dir, course_);
  EXPECT_TRUE(spec.feedback.empty());  // selftest fails it: see selftest_judge_test.cpp
  EXPECT_EQ(spec.files, std::vector<std::string>{"counter.cpp"});
}

TEST_F(MistakeLoaderTest, FeedbackMayListSeveralPhrases) {
  fs::path dir = mistake("counter/off_by_one",
                         "description: Off by one.\nfails: [counts]\nfeedback: [lost, update]\n" +
                             std::string(kCounterEdit));
  EXPECT_EQ(load_mistake(dir, course_).feedback, (std::vector<std::string>{"lost", "update"}));
  fs::path bad =
      mistake("counter/nested", "description: Off by one.\nfails: [counts]\nfeedback: [[lost]]\n" +
                                    std::string(kCounterEdit));
  EXPECT_THROW(load_mistake(bad, course_), ConfigError);
}

/// A mistake of counter whose feedback is `feedback` (a YAML value).
const std::string counter_mistake(const std::string& feedback) {
  return "description: Off by one.\nfails: [counts]\nfeedback: " + feedback + "\n" +
         std::string(kCounterEdit);
}

TEST_F(MistakeLoaderTest, FeedbackByLanguageGivesThePhrasesOfTheLanguageRead) {
  course_.languages = {"en", "es"};
  fs::path dir = mistake("counter/off_by_one", counter_mistake("{en: lost, es: [perdida, suma]}"));
  EXPECT_EQ(load_mistake(dir, course_).feedback, std::vector<std::string>{"lost"});
  course_.text_language = "es";
  EXPECT_EQ(load_mistake(dir, course_).feedback, (std::vector<std::string>{"perdida", "suma"}));
  fs::path plain = mistake("counter/plain", counter_mistake("lost"));
  EXPECT_EQ(load_mistake(plain, course_).feedback, std::vector<std::string>{"lost"})
      << "a plain phrase is English: a Spanish run looks for it when there is no other";
  fs::path other = mistake("counter/other", counter_mistake("{en: lost, fr: perdu}"));
  EXPECT_NE(error(other).find("unknown key 'fr'"), std::string::npos) << error(other);
}

TEST_F(MistakeLoaderTest, AFeedbackLackingALanguageIsUntranslatedOnceItsTestsAreMarked) {
  course_.languages = {"en", "es"};
  fs::path dir = mistake("counter/off_by_one", counter_mistake("lost"));
  EXPECT_TRUE(load_mistake(dir, course_).untranslated.empty())
      << "counter's tests mark no message yet: English phrases are all they can have";
  write("po/ipclab.pot",
        "#: tests/exercises/pipe_ping_pong/visible_test.cpp:9\nmsgid \"x\"\nmsgstr \"\"\n");
  EXPECT_TRUE(load_mistake(dir, course_).untranslated.empty()) << "another exercise's messages";
  write("po/ipclab.pot", "#: harness/src/driver.cpp:1 tests/exercises/counter/counts_test.cpp:9\n");
  std::vector<std::string> untranslated = load_mistake(dir, course_).untranslated;
  ASSERT_EQ(untranslated.size(), 1u);
  EXPECT_EQ(untranslated[0].find("tests/mistakes/counter/off_by_one/mistake.yaml:3:11: 'feedback' "
                                 "has no 'es' phrase: the tests of counter speak es; run `grader "
                                 "--lang es selftest counter`"),
            0u)
      << untranslated[0];
  fs::path both = mistake("counter/both", counter_mistake("{en: lost, es: perdida}"));
  EXPECT_TRUE(load_mistake(both, course_).untranslated.empty());
}

TEST_F(MistakeLoaderTest, LoadsEveryMistakeInFolderOrder) {
  mistake("pipe_ping_pong/no_framing", kHostOrder);
  mistake("pipe_ping_pong/host_order", kHostOrder);
  mistake("counter/off_by_one",
          "description: Off by one.\nfails: [counts]\n" + std::string(kCounterEdit));
  write("tests/mistakes/README.md", "How to add a mistake.\n");
  std::vector<MistakeSpec> mistakes = load_mistakes(course_);
  ASSERT_EQ(mistakes.size(), 3u);
  EXPECT_EQ(mistakes[0].exercise_id + "/" + mistakes[0].name, "counter/off_by_one");
  EXPECT_EQ(mistakes[1].exercise_id + "/" + mistakes[1].name, "pipe_ping_pong/host_order");
  EXPECT_EQ(mistakes[2].exercise_id + "/" + mistakes[2].name, "pipe_ping_pong/no_framing");
}

TEST_F(MistakeLoaderTest, NoCorpusMeansNoMistakes) {
  EXPECT_TRUE(load_mistakes(course_).empty());
}

TEST_F(MistakeLoaderTest, RejectsAFolderOfAnUnknownExercise) {
  EXPECT_EQ(error(mistake("pipe_ping_pon/x", kHostOrder)),
            "tests/mistakes/pipe_ping_pon: no exercise 'pipe_ping_pon' in the course (did you mean "
            "'pipe_ping_pong'?)");
  EXPECT_EQ(error(mistake("ring_buffer/x", kHostOrder)),
            "tests/mistakes/ring_buffer: no exercise 'ring_buffer' in the course (exercises: "
            "pipe_ping_pong, counter)");
}

TEST_F(MistakeLoaderTest, RejectsAMissingOrInvalidMistakeYaml) {
  fs::path dir = mistake("pipe_ping_pong/x", kHostOrder);
  fs::remove(dir / "mistake.yaml");
  EXPECT_EQ(error(dir), (dir / "mistake.yaml").string() + ": not found");
  EXPECT_EQ(error(mistake("pipe_ping_pong/y", "fails: [wire_format\n")),
            "tests/mistakes/pipe_ping_pong/y/mistake.yaml:2:1: invalid YAML: end of sequence flow "
            "not found");
  EXPECT_EQ(error(mistake("pipe_ping_pong/z", "")),
            "tests/mistakes/pipe_ping_pong/z/mistake.yaml: the file is empty");
}

TEST_F(MistakeLoaderTest, RejectsUnknownAndMissingKeys) {
  EXPECT_EQ(error(mistake("pipe_ping_pong/x", std::string(kHostOrder) + "feedbak: x\n")),
            "tests/mistakes/pipe_ping_pong/x/mistake.yaml:8:1: unknown key 'feedbak' (did you mean "
            "'feedback'?)");
  EXPECT_EQ(error(mistake("pipe_ping_pong/y", "fails: [wire_format]\n")),
            "tests/mistakes/pipe_ping_pong/y/mistake.yaml:1:1: the file is missing 'description'");
  EXPECT_EQ(error(mistake("pipe_ping_pong/z",
                          "description: ''\nfails: [wire_format]\n" + std::string(kCounterEdit))),
            "tests/mistakes/pipe_ping_pong/z/mistake.yaml:1:14: 'description' must not be empty");
}

TEST_F(MistakeLoaderTest, RejectsFailsThatAreNotTestsOfTheExercise) {
  const std::string edits = kCounterEdit;  // read after 'fails', so never reached here
  EXPECT_EQ(error(mistake("pipe_ping_pong/a", "description: d\nfails: []\n" + edits)),
            "tests/mistakes/pipe_ping_pong/a/mistake.yaml:2:8: 'fails' must not be empty");
  EXPECT_EQ(error(mistake("pipe_ping_pong/b", "description: d\nfails: wire_format\n" + edits)),
            "tests/mistakes/pipe_ping_pong/b/mistake.yaml:2:8: 'fails' must be a list");
  EXPECT_EQ(error(mistake("pipe_ping_pong/c", "description: d\nfails: [wire_fromat]\n" + edits)),
            "tests/mistakes/pipe_ping_pong/c/mistake.yaml:2:9: no test 'wire_fromat' in exercise "
            "'pipe_ping_pong' (did you mean 'wire_format'?)");
  EXPECT_EQ(
      error(mistake("pipe_ping_pong/d", "description: d\nfails: [wire_format, counts]\n" + edits)),
      "tests/mistakes/pipe_ping_pong/d/mistake.yaml:2:22: no test 'counts' in exercise "
      "'pipe_ping_pong' (tests: wire_format, recv_split_frames)");
  EXPECT_EQ(
      error(mistake("pipe_ping_pong/e",
                    "description: d\nfails: [wire_format, wire_format]\n" + edits)),
      "tests/mistakes/pipe_ping_pong/e/mistake.yaml:2:22: test 'wire_format' is listed twice");
  EXPECT_EQ(
      error(mistake("pipe_ping_pong/f", "description: d\nfails: [{id: x}]\n" + edits)),
      "tests/mistakes/pipe_ping_pong/f/mistake.yaml:2:9: 'fails' must hold test ids, got a map");
}

// Mistakes were once whole copies of the student files; they drifted from the
// model answer unseen, so a copy is now refused with what to do instead.
TEST_F(MistakeLoaderTest, RejectsACopyOfAStudentFile) {
  EXPECT_EQ(error(mistake("pipe_ping_pong/x", kHostOrder, {"ping_pong.cpp"})),
            "tests/mistakes/pipe_ping_pong/x/ping_pong.cpp: a mistake holds no copy of a student "
            "file: write its change as 'edits:' of solutions/pipe_ping_pong/ping_pong.cpp in "
            "mistake.yaml, then remove the copy");
  // The old layout, copies and no edits: the copy is named, not the missing key.
  EXPECT_EQ(error(mistake("pipe_ping_pong/y", "description: d\nfails: [wire_format]\n",
                          {"connection.cpp"})),
            "tests/mistakes/pipe_ping_pong/y/connection.cpp: a mistake holds no copy of a student "
            "file: write its change as 'edits:' of solutions/pipe_ping_pong/connection.cpp in "
            "mistake.yaml, then remove the copy");
}

TEST_F(MistakeLoaderTest, RejectsAnythingElseBesideMistakeYaml) {
  EXPECT_EQ(error(mistake("pipe_ping_pong/x", kHostOrder, {"helper.cpp"})),
            "tests/mistakes/pipe_ping_pong/x/helper.cpp: a mistake folder holds only its "
            "mistake.yaml (the change goes in its 'edits:'): remove this");
  fs::path dir = mistake("pipe_ping_pong/y", kHostOrder);
  fs::create_directories(dir / "notes");
  EXPECT_EQ(error(dir),
            "tests/mistakes/pipe_ping_pong/y/notes: a mistake folder holds only its mistake.yaml "
            "(the change goes in its 'edits:'): remove this");
}

TEST_F(MistakeLoaderTest, RejectsAMistakeWithoutEdits) {
  EXPECT_EQ(error(mistake("pipe_ping_pong/x", "description: d\nfails: [wire_format]\n")),
            "tests/mistakes/pipe_ping_pong/x/mistake.yaml:1:1: the file is missing 'edits'");
  EXPECT_EQ(error(mistake("pipe_ping_pong/y", "description: d\nfails: [wire_format]\nedits: []\n")),
            "tests/mistakes/pipe_ping_pong/y/mistake.yaml:3:8: 'edits' must not be empty");
}

TEST_F(MistakeLoaderTest, ReadsEditsCheckedAgainstTheModelAnswer) {
  MistakeSpec spec = load_mistake(mistake("pipe_ping_pong/host_order", kHostOrder), course_);
  ASSERT_EQ(spec.edits.size(), 1u);
  EXPECT_EQ(spec.edits[0].file, "connection.cpp");
  EXPECT_EQ(spec.edits[0].find, "htonl(size)");
  EXPECT_EQ(spec.edits[0].replace, "size");
  EXPECT_EQ(spec.files, std::vector<std::string>{"connection.cpp"});
}

TEST_F(MistakeLoaderTest, RejectsAnEditThatNoLongerAppliesExactlyOnce) {
  write("solutions/pipe_ping_pong/connection.cpp", "write_u32(size); write_u32(size);\n");
  EXPECT_EQ(error(mistake("pipe_ping_pong/gone", kHostOrder)),
            "tests/mistakes/pipe_ping_pong/gone/mistake.yaml:6:11: the 'find' text of an edit "
            "occurs 0 times in connection.cpp (it must occur exactly once: update it to the model "
            "answer)");
  std::string edits =
      "edits:\n  - file: connection.cpp\n    find: write_u32(size)\n    replace: x\n";
  EXPECT_NE(error(mistake("pipe_ping_pong/twice", "description: d\nfails: [wire_format]\n" + edits))
                .find("occurs 2 times in connection.cpp"),
            std::string::npos);
  edits = "edits:\n  - file: counter.cpp\n    find: a\n    replace: b\n";
  EXPECT_NE(error(mistake("pipe_ping_pong/other", "description: d\nfails: [wire_format]\n" + edits))
                .find("'counter.cpp' is not a student file of this exercise"),
            std::string::npos);
}

TEST_F(MistakeLoaderTest, AMissingModelAnswerFileFailsOnlyTheEditsOfIt) {
  fs::remove(root_ / "solutions/pipe_ping_pong/ping_pong.cpp");
  EXPECT_EQ(load_mistake(mistake("pipe_ping_pong/host_order", kHostOrder), course_).files,
            std::vector<std::string>{"connection.cpp"});
  const std::string edits = "edits:\n  - file: ping_pong.cpp\n    find: ping\n    replace: x\n";
  EXPECT_EQ(
      error(mistake("pipe_ping_pong/no_wait", "description: d\nfails: [wire_format]\n" + edits)),
      "tests/mistakes/pipe_ping_pong/no_wait/mistake.yaml:4:11: no model answer "
      "solutions/pipe_ping_pong/ping_pong.cpp to edit (write it first)");
}

TEST_F(MistakeLoaderTest, RejectsACopyBesideEdits) {
  EXPECT_NE(error(mistake("pipe_ping_pong/both", kHostOrder, {"connection.cpp"}))
                .find("a mistake holds no copy of a student file"),
            std::string::npos);
}

}  // namespace
}  // namespace grader
