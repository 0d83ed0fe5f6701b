#include "config/printable.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(Printable, EscapesControlBytesAndInvalidUtf8) {
  EXPECT_EQ(printable("a\x01"
                      "b\tc\nd\x7f"),
            "a\\x01b\\x09c\\x0ad\\x7f");
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x80\xa6"), "caf\xc3\xa9 \xe2\x80\xa6")
      << "valid UTF-8 stays";
  EXPECT_EQ(printable("\xff\xc3(\xed\xa0\x80"), "\\xff\\xc3(\\xed\\xa0\\x80");
  EXPECT_EQ(printable("\xe2\x80"), "\\xe2\\x80") << "a sequence cut short";
}

TEST(Printable, IsIdempotent) {
  std::string once = printable("a\x01\\x02\xff");
  EXPECT_EQ(printable(once), once);
}

TEST(Quote, ElidesALongValueWithItsLength) {
  EXPECT_EQ(quote("abc"), "'abc'");
  EXPECT_EQ(quote(std::string(200, 'a')), "'" + std::string(200, 'a') + "'");
  EXPECT_EQ(quote(std::string(52'428'800, 'a')),
            "'" + std::string(200, 'a') + "\xe2\x80\xa6' (52 428 800 chars)");
  EXPECT_EQ(quote("\x01" + std::string(300, 'b'), 4), "'\\x01bbb\xe2\x80\xa6' (301 chars)");
}

TEST(Quote, NeverCutsAUtf8SequenceInTwo) {
  // "é" is two bytes: a cut after 3 bytes would split the second one.
  EXPECT_EQ(quote("\xc3\xa9\xc3\xa9\xc3\xa9", 3), "'\xc3\xa9\xe2\x80\xa6' (6 chars)");
}

}  // namespace
}  // namespace grader
