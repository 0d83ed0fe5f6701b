#include "config/contract_loader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const char* const kAssignments = R"(course: IPC Lab
exercises:
  - id: pipe_ping_pong
    title: Pipe ping-pong
    student_files: [connection.cpp]
    tests:
      - { id: wire_format, points: 3 }
      - { id: end_of_stream, points: 2 }
)";

const char* const kTable = R"(header: connection.hpp
clauses:
  - id: big_endian_length
    text: send_bytes() writes a 4-byte big-endian length, then the bytes
    tests: [wire_format]
  - id: eof
    text: recv_bytes() throws EndOfStream when the other end is closed
    tests: [end_of_stream, wire_format]
  - id: unchecked
    text: nothing checks this yet
    tests: []
)";

/// A course folder with one exercise; tables go to tests/contracts/.
class ContractLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("grader_contract_loader_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    for (const char* file : {"README.md", "connection.cpp", "connection.hpp"})
      write("exercises/pipe_ping_pong/" + std::string(file));
    course_ = parse_course(kAssignments, "assignments.yaml", root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path write(const std::string& relative, const std::string& text = "") {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
    return root_ / relative;
  }

  /// The what() of the ConfigError loading `yaml` as the table of `exercise`.
  std::string error(const std::string& yaml, const std::string& exercise = "pipe_ping_pong") {
    try {
      load_contract(write("tests/contracts/" + exercise + ".yaml", yaml), course_);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  }

  fs::path root_;
  Course course_;
};

TEST_F(ContractLoaderTest, ReadsATable) {
  ContractSpec spec = load_contract(write("tests/contracts/pipe_ping_pong.yaml", kTable), course_);
  EXPECT_EQ(spec.exercise_id, "pipe_ping_pong");
  EXPECT_EQ(spec.header, "connection.hpp");
  ASSERT_EQ(spec.clauses.size(), 3u);
  EXPECT_EQ(spec.clauses[1].id, "eof");
  EXPECT_EQ(spec.clauses[1].text, "recv_bytes() throws EndOfStream when the other end is closed");
  ASSERT_EQ(spec.clauses[1].tests.size(), 2u);
  EXPECT_EQ(spec.clauses[1].tests[1].id, "wire_format");
  EXPECT_EQ(spec.clauses[1].tests[1].where.line, 8);
  EXPECT_EQ(spec.clauses[1].tests[1].where.column, 28);
  EXPECT_EQ(spec.clauses[1].where.line, 6);
  EXPECT_TRUE(spec.clauses[2].tests.empty()) << "an empty list is validation's to report";
}

TEST_F(ContractLoaderTest, NoFolderMeansNoTables) {
  EXPECT_TRUE(load_contracts(course_).empty());
  write("tests/contracts/pipe_ping_pong.yaml", kTable);
  write("tests/contracts/README.md", "How to write a table.\n");
  EXPECT_EQ(load_contracts(course_).size(), 1u);
}

TEST_F(ContractLoaderTest, RejectsUnknownAndMissingKeysAtTheirLine) {
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - id: a\n    text: t\n    tsts: [x]\n"),
            "tests/contracts/pipe_ping_pong.yaml:5:5: unknown key 'tsts' (did you mean "
            "'tests'?)");
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - id: a\n    text: t\n"),
            "tests/contracts/pipe_ping_pong.yaml:3:5: clause is missing 'tests'");
  EXPECT_EQ(error("header: connection.hpp\nclause: []\n"),
            "tests/contracts/pipe_ping_pong.yaml:2:1: unknown key 'clause' (did you mean "
            "'clauses'?)");
}

TEST_F(ContractLoaderTest, RejectsBadClauses) {
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - {id: a, text: t, tests: [x]}\n  - {id: a, "
                  "text: u, tests: [y]}\n"),
            "tests/contracts/pipe_ping_pong.yaml:4:10: duplicate clause id 'a' (first defined at "
            "line 3)");
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - {id: Bad, text: t, tests: [x]}\n"),
            "tests/contracts/pipe_ping_pong.yaml:3:10: clause id 'Bad' must be a lowercase letter "
            "followed by lowercase letters, digits or '_'");
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - {id: a, text: t, tests: wire_format}\n"),
            "tests/contracts/pipe_ping_pong.yaml:3:29: 'tests' must be a list");
  EXPECT_EQ(error("header: connection.hpp\nclauses:\n  - {id: a, text: t, tests: [[x]]}\n"),
            "tests/contracts/pipe_ping_pong.yaml:3:30: 'tests' must hold test ids, got a list");
}

TEST_F(ContractLoaderTest, RejectsAnUnknownExerciseOrHeader) {
  EXPECT_EQ(error(kTable, "pipe_ping_pon"),
            "tests/contracts/pipe_ping_pon.yaml: no exercise 'pipe_ping_pon' in the course (did "
            "you mean 'pipe_ping_pong'?) (a contract table is named after its exercise)");
  EXPECT_EQ(error("header: conection.hpp\nclauses:\n  - {id: a, text: t, tests: [x]}\n"),
            "tests/contracts/pipe_ping_pong.yaml:1:9: 'conection.hpp' is not a file in "
            "exercises/pipe_ping_pong/ (name the provided header this table lists, e.g. "
            "'pipe_ping_pong.hpp')");
}

}  // namespace
}  // namespace grader
