#include "config/suggest.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

const std::vector<std::string> kTestKeys = {"id",      "points", "visibility", "trials",
                                            "timeout", "limits", "hint",       "description"};

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("timout", "timeout"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
}

TEST(EditDistance, ASwapOfNeighboursCostsOne) {
  EXPECT_EQ(edit_distance("titel", "title"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // no substring edited twice
  EXPECT_EQ(closest_match("titel", {"id", "title", "tests"}), "title");
}

TEST(ClosestMatch, SuggestsALikelyTypo) {
  EXPECT_EQ(closest_match("timout", kTestKeys), "timeout");
  EXPECT_EQ(closest_match("point", kTestKeys), "points");
  EXPECT_EQ(closest_match("visiblity", kTestKeys), "visibility");
  EXPECT_EQ(closest_match("descriptoin", kTestKeys), "description");
}

TEST(ClosestMatch, AllowsOneEditForShortWordsAndAThirdOfTheLengthForLongOnes) {
  EXPECT_EQ(closest_match("ib", kTestKeys), "id");
  EXPECT_EQ(closest_match("xy", kTestKeys), std::nullopt);
  // "tmxuxt" is 3 edits from "timeout": too many for a 6-letter word (limit 2).
  EXPECT_EQ(closest_match("tmxuxt", kTestKeys), std::nullopt);
  // 9 letters allow 3 edits.
  EXPECT_EQ(closest_match("visbilty", kTestKeys), "visibility");
}

TEST(ClosestMatch, SuggestsNothingForUnrelatedWordsOrNoCandidates) {
  EXPECT_EQ(closest_match("foo", kTestKeys), std::nullopt);
  EXPECT_EQ(closest_match("memory", kTestKeys), std::nullopt);
  EXPECT_EQ(closest_match("timeout", {}), std::nullopt);
}

TEST(ClosestMatch, TheFirstCandidateWinsATie) {
  EXPECT_EQ(closest_match("ab", {"ax", "xb"}), "ax");
  EXPECT_EQ(closest_match("ab", {"xb", "ax"}), "xb");
}

TEST(Alternatives, SuggestsOrListsEveryCandidate) {
  EXPECT_EQ(alternatives("timout", kTestKeys, "expected one of"), " (did you mean 'timeout'?)");
  EXPECT_EQ(alternatives("foo", {"id", "title"}, "expected one of"),
            " (expected one of: id, title)");
}

TEST(Join, SeparatesWithCommas) {
  EXPECT_EQ(join({}), "");
  EXPECT_EQ(join({"a"}), "a");
  EXPECT_EQ(join({"a", "b", "c"}), "a, b, c");
}

}  // namespace
}  // namespace grader
