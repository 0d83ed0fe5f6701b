#include "selftest/mutant_report.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace grader {
namespace {

ExerciseMutation figures(int killed, int survived, int stillborn) {
  ExerciseMutation exercise;
  exercise.exercise_id = "ex";
  exercise.model_files = {{"f.cpp", "a\nif (x < 1) y();\nb\n"}};
  auto add = [&](int count, MutantVerdict verdict) {
    for (int i = 0; i < count; ++i)
      exercise.results.push_back(
          {{"ex", {"f.cpp", "if (x < 1) y();\n", "if (x <= 1) y();\n"}, 2, "relational"},
           {verdict, ""}});
  };
  add(killed, MutantVerdict::killed);
  add(survived, MutantVerdict::survived);
  add(stillborn, MutantVerdict::stillborn);
  exercise.generated = static_cast<std::size_t>(killed + survived + stillborn + 1);
  exercise.equivalent = 1;
  return exercise;
}

TEST(MutationJson, HasTheIssuesFieldsAndTheRecord) {
  MutationRecord record{
      "abc123", "vm Linux x86_64, 2 cores", "1.0 1.0 1.0", "2026-12-07T01:00:00Z", 0, 1};
  nlohmann::json json = mutation_json({figures(9, 1, 2)}, record);
  const nlohmann::json& ex = json["mutants"]["ex"];
  EXPECT_EQ(ex["generated"], 13);
  EXPECT_EQ(ex["killed"], 9);
  EXPECT_EQ(ex["equivalent"], 1);
  EXPECT_EQ(ex["survived"], 1);
  EXPECT_EQ(ex["stillborn"], 2);
  EXPECT_EQ(ex["kill_rate"], 0.9);
  ASSERT_EQ(ex["survivors"].size(), 1u);
  EXPECT_EQ(ex["survivors"][0],
            (nlohmann::json{{"file", "f.cpp"},
                            {"line", 2},
                            {"operator", "relational"},
                            {"diff", "-if (x < 1) y();\n+if (x <= 1) y();\n"}}));
  EXPECT_EQ(json["commit"], "abc123");
  EXPECT_FALSE(json.contains("sample"));
}

TEST(ExerciseMutation, TheGoalCountsOnlyMutantsThatCompile) {
  EXPECT_DOUBLE_EQ(figures(9, 1, 30).kill_rate(), 0.9);
  EXPECT_TRUE(figures(36, 4, 0).meets_goal(false));
  EXPECT_FALSE(figures(35, 5, 0).meets_goal(false));  // 87.5%
  EXPECT_FALSE(figures(9, 1, 0).meets_goal(false));   // too few mutants
  EXPECT_TRUE(figures(9, 1, 0).meets_goal(true));     // a sample is judged on its rate
}

TEST(MutationReport, NamesEachSurvivorWithItsDiff) {
  std::ostringstream out;
  write_mutation_report({figures(1, 1, 0)}, true, out);
  EXPECT_EQ(out.str(),
            "ex  3 mutants: 1 killed, 1 survived, 1 equivalent, 0 stillborn, 0 errors -- 50% "
            "killed: BELOW THE GOAL\n"
            "  survived ex/f.cpp:2 relational\n"
            "      -if (x < 1) y();\n"
            "      +if (x <= 1) y();\n"
            "goal: >= 90% of the non-equivalent mutants that compile killed (a sample)\n");
}

TEST(SurvivorKeys, NameTheSurvivorsOfAnEarlierRunAsTheGeneratorMakesThem) {
  ExerciseMutation exercise = figures(1, 1, 0);
  std::set<std::string> keys = survivor_keys(mutation_json({exercise}, {}));
  const Mutant& survivor = exercise.results[1].mutant;
  EXPECT_EQ(keys, (std::set<std::string>{survivor_key(survivor, exercise.model_files["f.cpp"])}));
  Mutant other = survivor;
  other.line = 3;
  EXPECT_FALSE(keys.contains(survivor_key(other, exercise.model_files["f.cpp"])));
}

}  // namespace
}  // namespace grader
