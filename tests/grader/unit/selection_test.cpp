#include "model/selection.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

const ExerciseSpec kPipe{.id = "pipe", .title = "Pipe", .student_files = {"c.cpp"}};
const TestSpec kVisible{.id = "recv_split", .points = 1};
const TestSpec kHidden{.id = "large", .points = 3, .visibility = Visibility::hidden};

TEST(Selection, AnEmptySelectionTakesEveryVisibleTest) {
  EXPECT_TRUE(selected(Selection{}, kPipe, kVisible));
  EXPECT_FALSE(selected(Selection{}, kPipe, kHidden));
}

TEST(Selection, HiddenTestsOnlyWhenIncluded) {
  EXPECT_TRUE(selected(Selection{{}, {}, true}, kPipe, kHidden));
}

TEST(Selection, OnlyTheListedExercises) {
  EXPECT_TRUE(selected(Selection{{"counter", "pipe"}}, kPipe, kVisible));
  EXPECT_FALSE(selected(Selection{{"counter"}}, kPipe, kVisible));
}

TEST(Selection, PatternsAreGlobsOnTheTestId) {
  EXPECT_TRUE(selected(Selection{{}, {"recv*"}}, kPipe, kVisible));
  EXPECT_TRUE(selected(Selection{{}, {"nope", "recv_spli?"}}, kPipe, kVisible));
  EXPECT_FALSE(selected(Selection{{}, {"recv"}}, kPipe, kVisible)) << "a glob matches whole ids";
  EXPECT_FALSE(selected(Selection{{}, {"larg*"}}, kPipe, kHidden)) << "hidden, not included";
}

}  // namespace
}  // namespace grader
