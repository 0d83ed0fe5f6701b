#include "model/source_edit.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

const std::string kText = "int f() {\n  return htonl(size);\n}\nint g() { return 1; }\n";

TEST(SourceEditTest, ReplacesTheOneOccurrence) {
  EXPECT_EQ(apply_edit(kText, {"a.cpp", "htonl(size)", "size"}),
            "int f() {\n  return size;\n}\nint g() { return 1; }\n");
}

TEST(SourceEditTest, RefusesAFindThatIsMissingOrRepeated) {
  try {
    apply_edit(kText, {"a.cpp", "ntohl", "x"});
    FAIL() << "a missing find applied";
  } catch (const EditError& e) {
    EXPECT_STREQ(e.what(),
                 "the 'find' text of an edit occurs 0 times in a.cpp (it must occur exactly once: "
                 "update it to the model answer)");
  }
  try {
    apply_edit(kText, {"a.cpp", "int ", "long "});
    FAIL() << "a repeated find applied";
  } catch (const EditError& e) {
    EXPECT_STREQ(e.what(),
                 "the 'find' text of an edit occurs 2 times in a.cpp (it must occur exactly once: "
                 "add context around it)");
  }
  EXPECT_THROW(apply_edit(kText, {"a.cpp", "", "x"}), EditError);
}

TEST(SourceEditTest, CountsOverlappingOccurrences) {
  EXPECT_EQ(occurrences("aaa", "aa"), 2u);
  EXPECT_EQ(occurrences("abc", ""), 0u);
}

TEST(SourceEditTest, AppliesEditsInOrderToWhatTheOnesBeforeLeft) {
  std::map<std::string, std::string> files{{"a.cpp", "x = 1;\n"}, {"b.cpp", "y\n"}};
  auto out = apply_edits(files, {{"a.cpp", "1", "2"}, {"a.cpp", "2;", "3;"}});
  EXPECT_EQ(out.at("a.cpp"), "x = 3;\n");
  EXPECT_EQ(out.at("b.cpp"), "y\n");
  EXPECT_THROW(apply_edits(files, {{"c.cpp", "x", "y"}}), EditError);
}

TEST(SourceEditTest, DiffShowsTheWholeLinesItTouches) {
  EXPECT_EQ(edit_diff(kText, {"a.cpp", "htonl(size)", "size"}),
            "-  return htonl(size);\n+  return size;\n");
  EXPECT_EQ(edit_diff(kText, {"a.cpp", "}\nint g", "}\n\nint g"}),
            "-}\n-int g() { return 1; }\n+}\n+\n+int g() { return 1; }\n");
  EXPECT_EQ(edit_diff(kText, {"a.cpp", "  return htonl(size);\n", ""}), "-  return htonl(size);\n");
}

}  // namespace
}  // namespace grader
