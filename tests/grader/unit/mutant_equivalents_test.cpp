#include "selftest/mutant_equivalents.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const char* const kAssignments = R"(course: Mutants
exercises:
  - id: ex
    title: Ex
    student_files: [a.cpp]
    tests:
      - { id: quick, points: 1 }
)";

const char* const kModel = "int f(int x) {\n  if (x < 0) return 0;\n  return x;\n}\n";

/// A course whose exercise `ex` has the model answer kModel, removed after the test.
class EquivalentMutantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("grader_mutant_equivalents_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    write("exercises/ex/README.md", "");
    write("exercises/ex/a.cpp", "");
    write("solutions/ex/a.cpp", kModel);
    course_ = parse_course(kAssignments, "assignments.yaml", root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
  }
  void equivalent_yaml(const std::string& find, const std::string& replace) {
    write("tests/mutants/ex/equivalent.yaml",
          "equivalent:\n  - reason: x is never negative\n    edits:\n      - file: a.cpp\n"
          "        find: \"" +
              find + "\"\n        replace: \"" + replace + "\"\n");
  }
  std::string problems(const std::vector<Mutant>& generated) {
    std::string text;
    for (const std::string& problem :
         equivalent_problems(course_, {"ex"}, [&](const ExerciseSpec&) { return generated; }))
      text += problem + "\n";
    return text;
  }

  fs::path root_;
  Course course_;
};

TEST_F(EquivalentMutantsTest, AnEntryMatchesTheMutantThatMakesTheSameFile) {
  equivalent_yaml("x < 0", "x <= 0");  // a narrower find than the generator's whole line
  std::vector<EquivalentMutant> entries = load_equivalent_mutants(course_, *course_.find("ex"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].reason, "x is never negative");
  Mutant generated{
      "ex", {"a.cpp", "  if (x < 0) return 0;\n", "  if (x <= 0) return 0;\n"}, 2, "relational"};
  EXPECT_TRUE(same_change(generated, entries[0], {{"a.cpp", kModel}}));
  EXPECT_EQ(problems({generated}), "");
}

TEST_F(EquivalentMutantsTest, AnEntryTheGeneratorNoLongerMakesIsStale) {
  equivalent_yaml("x < 0", "x <= 0");
  Mutant other{"ex", {"a.cpp", "  return x;\n", "  return x + 1;\n"}, 3, "constant"};
  EXPECT_EQ(problems({other}),
            "tests/mutants/ex/equivalent.yaml:2:5: the mutant generator no longer makes this "
            "mutant: remove the entry, or update its edit to the mutant it now makes\n");
}

TEST_F(EquivalentMutantsTest, AnEditThatNoLongerAppliesIsAnError) {
  equivalent_yaml("x > 0", "x >= 0");
  EXPECT_EQ(problems({}),
            "tests/mutants/ex/equivalent.yaml:5:15: the 'find' text of an edit occurs 0 times in "
            "a.cpp (it must occur exactly once: update it to the model answer)\n");
  EXPECT_THROW(load_equivalent_mutants(course_, *course_.find("ex")), ConfigError);
}

TEST_F(EquivalentMutantsTest, NoFileMeansNoEquivalents) {
  EXPECT_TRUE(load_equivalent_mutants(course_, *course_.find("ex")).empty());
  EXPECT_EQ(problems({}), "");
}

}  // namespace
}  // namespace grader
