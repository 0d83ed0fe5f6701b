// grader selftest --mutants --list and --survivors-of: the text around grading.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "batch_fixtures.hpp"
#include "model/grader_error.hpp"
#include "selftest/mutant_selftest.hpp"

namespace grader {
namespace {

MutationPlan plan() {
  MutationPlan plan;
  plan.figures.exercise_id = "ex";
  plan.figures.generated = 3;
  plan.figures.equivalent = 1;
  plan.figures.model_files = {{"f.cpp", "a\nif (x < 1) y();\nb\n"}};
  plan.to_grade = {{"ex", {"f.cpp", "if (x < 1) y();\n", "if (x <= 1) y();\n"}, 2, "relational"}};
  return plan;
}

TEST(MutantList, GivesEachExercisesFiguresThenEachMutantWithItsDiff) {
  std::ostringstream out;
  write_mutant_list({plan()}, out);
  EXPECT_EQ(out.str(),
            "ex: 3 mutants, 1 equivalent, 1 to grade\n"
            "  ex/f.cpp:2 relational\n"
            "      -if (x < 1) y();\n"
            "      +if (x <= 1) y();\n");
}

TEST(MutantList, ReadsTheSurvivorsOfAnEarlierRunsJson) {
  testing::ScratchDir scratch;
  ExerciseMutation figures = plan().figures;
  figures.results.push_back({plan().to_grade[0], {MutantVerdict::survived, ""}});
  const auto file = scratch.path() / "earlier.json";
  std::ofstream(file) << mutation_json({figures}, {}).dump(2);
  EXPECT_EQ(survivors_in_file(file.string()),
            (std::set<std::string>{survivor_key(plan().to_grade[0], "a\nif (x < 1) y();\nb\n")}));
}

TEST(MutantList, AMissingOrForeignSurvivorsFileIsTheGradersError) {
  testing::ScratchDir scratch;
  const std::string missing = (scratch.path() / "none.json").string();
  try {
    survivors_in_file(missing);
    ADD_FAILURE() << "read a missing file";
  } catch (const GraderError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot read " + missing + " (--survivors-of: an earlier run's --json file)");
  }
  const auto foreign = scratch.write("foreign.json", "not json");
  EXPECT_THROW(survivors_in_file(foreign.string()), GraderError);
}

}  // namespace
}  // namespace grader
