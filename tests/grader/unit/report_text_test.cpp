// The text helpers every reporter shares: elision and compiler diagnostics.
#include "report/report_text.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(FormatTotal, TheScoreAndItsPercentRoundedDown) {
  EXPECT_EQ(format_total(4.5, 16.5), "4.5/16.5 (27%)");
  EXPECT_EQ(format_total(999, 1000), "999/1000 (99%)") << "99.9% is not 100%";
  EXPECT_EQ(format_total(0.7, 1), "0.7/1 (70%)") << "no floating-point shortfall";
  EXPECT_EQ(format_total(0, 0), "0/0") << "nothing to grade: no percentage";
}

TEST(Elided, ShortTextIsKeptWhole) {
  EXPECT_EQ(elided("dumps [1, 2]"), "dumps [1, 2]");
  EXPECT_EQ(elided(std::string(200, 'x')), std::string(200, 'x'));
}

TEST(Elided, LongTextIsCutWithItsLengthSpacedInThousands) {
  const std::string value = "dumps [" + std::string(588'883, '0') + "]";
  ASSERT_EQ(value.size(), 588'891u);
  EXPECT_EQ(elided(value), value.substr(0, 200) + " ... 588 891 chars");
  EXPECT_EQ(elided(std::string(1234, 'a'), 3), "aaa ... 1 234 chars");
}

TEST(Elided, NeverCutsAUtf8Character) {
  const std::string text = "ab\xC3\xA9" + std::string(10, 'x');  // "abé..."
  EXPECT_EQ(elided(text, 3), "ab ... 14 chars");
}

TEST(ElidedLines, CutsOnlyTheLongLines) {
  const std::string text = "short\n" + std::string(300, 'v') + "\nend";
  EXPECT_EQ(elided_lines(text, 10), "short\nvvvvvvvvvv ... 300 chars\nend");
}

TEST(DiagnosticLines, PrintTheFunctionContextOnceAndWhereTheCompilerReportedIt) {
  const std::vector<Diagnostic> diagnostics = {
      {"serialization/pickler.cpp", 374, 30, "error", "static assertion failed",
       "In member function 'void Pickler::write_value(const Value&)'",
       "/usr/include/c++/12/variant:1145:42"},
      {"serialization/pickler.cpp", 374, 30, "error", "no matching function",
       "In member function 'void Pickler::write_value(const Value&)'", ""},
      {"serialization/pickler.cpp", 12, 1, "warning", "unused", "", ""},
  };
  EXPECT_EQ(diagnostic_lines(diagnostics, 10),
            (std::vector<std::string>{
                "serialization/pickler.cpp: In member function 'void Pickler::write_value(const "
                "Value&)':",
                "serialization/pickler.cpp:374:30: error: static assertion failed [inside "
                "/usr/include/c++/12/variant:1145:42, instantiated from this line]",
                "serialization/pickler.cpp:374:30: error: no matching function",
                "serialization/pickler.cpp:12:1: warning: unused"}));
  EXPECT_EQ(diagnostic_lines(diagnostics, 1).back(), "(2 more)");
}

TEST(FirstLine, UpToTheFirstLineBreak) {
  EXPECT_EQ(first_line("expected 3\ngot 4\n"), "expected 3");
  EXPECT_EQ(first_line("one line"), "one line");
  EXPECT_EQ(first_line("\nafter a blank"), "");
  EXPECT_EQ(first_line(""), "");
}

}  // namespace
}  // namespace grader
