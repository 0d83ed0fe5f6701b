#include "selftest/mutant.hpp"

#include <gtest/gtest.h>

#include "selftest/mutant_sample.hpp"

namespace grader {
namespace {

MutationSite site_at(const std::string& text, const std::string& what, std::string replacement) {
  return {text.find(what), what.size(), std::move(replacement), "relational"};
}

TEST(MakeMutant, QuotesTheWholeLineItChanges) {
  const std::string text = "int f(int a) {\n  if (a < 0) return 1;\n  return 2;\n}\n";
  Mutant mutant = make_mutant("ex", "f.cpp", text, site_at(text, "<", "<="));
  EXPECT_EQ(mutant.edit.file, "f.cpp");
  EXPECT_EQ(mutant.edit.find, "  if (a < 0) return 1;\n");
  EXPECT_EQ(mutant.edit.replace, "  if (a <= 0) return 1;\n");
  EXPECT_EQ(mutant.line, 2);
  EXPECT_EQ(mutant.name(), "ex/f.cpp:2 relational");
}

TEST(MakeMutant, WidensARepeatedLineUntilItIsUnique) {
  const std::string text = "void a() {\n  close(fd);\n}\nvoid b() {\n  close(fd);\n}\n";
  const std::size_t second = text.rfind("close(fd);");
  Mutant mutant = make_mutant("ex", "f.cpp", text, {second, 10, "", "delete_call"});
  EXPECT_EQ(occurrences(text, mutant.edit.find), 1u);
  // The line below does not make it unique (both functions end alike); the
  // line above does.
  EXPECT_EQ(mutant.edit.find, "void b() {\n  close(fd);\n}\n");
  EXPECT_EQ(apply_edit(text, mutant.edit), "void a() {\n  close(fd);\n}\nvoid b() {\n  \n}\n");
  EXPECT_EQ(mutant.line, 5);
}

TEST(MakeMutant, WidensUpwardsAtTheEndOfTheFile) {
  const std::string text = "x();\ny();\nx();";
  Mutant mutant = make_mutant("ex", "f.cpp", text, {text.rfind("x();"), 4, "", "delete_call"});
  EXPECT_EQ(mutant.edit.find, "y();\nx();");
  EXPECT_EQ(apply_edit(text, mutant.edit), "x();\ny();\n");
}

TEST(WithoutDuplicates, KeepsTheFirstOfMutantsMakingTheSameFile) {
  const std::string text = "a < b;\nc;\n";
  std::vector<Mutant> mutants{make_mutant("ex", "f.cpp", text, site_at(text, "<", "<=")),
                              make_mutant("ex", "f.cpp", text, site_at(text, "a < b", "a <= b")),
                              make_mutant("ex", "f.cpp", text, site_at(text, "c", "d"))};
  mutants[1].op = "other";
  std::vector<Mutant> kept = without_duplicates(mutants, {{"f.cpp", text}});
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].op, "relational");
  EXPECT_EQ(kept[1].edit.replace, "d;\n");
}

std::vector<Mutant> numbered(int count) {
  std::vector<Mutant> mutants;
  for (int i = 0; i < count; ++i)
    mutants.push_back({"ex", {"f.cpp", "x", "y"}, i + 1, "constant"});
  return mutants;
}

std::vector<int> lines_of(const std::vector<Mutant>& mutants) {
  std::vector<int> lines;
  for (const Mutant& mutant : mutants)
    lines.push_back(mutant.line);
  return lines;
}

TEST(SampleMutants, TheSameSeedPicksTheSameMutantsInOrder) {
  std::vector<int> first = lines_of(sample_mutants(numbered(50), 5, 7));
  EXPECT_EQ(first.size(), 5u);
  EXPECT_TRUE(std::is_sorted(first.begin(), first.end()));
  EXPECT_EQ(first, lines_of(sample_mutants(numbered(50), 5, 7)));
  EXPECT_NE(first, lines_of(sample_mutants(numbered(50), 5, 8)));
}

TEST(SampleMutants, TakesAllWhenThereAreNoMore) {
  EXPECT_EQ(lines_of(sample_mutants(numbered(3), 5, 1)), (std::vector<int>{1, 2, 3}));
}

}  // namespace
}  // namespace grader
