// An untouched stub's reply, said again in the run's language: the student's
// program speaks English ("... is not implemented yet"), the harness does not.
#include <gtest/gtest.h>

#include "harness/words.hpp"

namespace ipclab::harness {
namespace {

const char* const kStub = "Connection::send_bytes is not implemented yet";

TEST(NotImplemented, NamesTheFunctionAndTheRequestInEnglish) {
  EXPECT_EQ(not_implemented_text(kStub, "send c 616263"),
            "Connection::send_bytes is not implemented yet (this test needs it: `send c 616263`)");
}

TEST(NotImplemented, SaysItInTheRunsLanguage) {
  ASSERT_TRUE(i18n::use_language("es", IPCLAB_LOCALE_DIR)) << "no catalog in " IPCLAB_LOCALE_DIR;
  std::string spanish = not_implemented_text(kStub, "send c 616263");
  std::string other = not_implemented_text("a message of its own", "put q 1");
  i18n::use_language("en", "");
  EXPECT_EQ(spanish,
            "Connection::send_bytes aún no está implementado (esta prueba lo necesita: "
            "`send c 616263`)");
  EXPECT_EQ(other, "a message of its own (esta prueba lo necesita: `put q 1`)");
}

TEST(SecondsWords, SaysADurationWithAtMostTwoDecimals) {
  using std::chrono::milliseconds;
  EXPECT_EQ(seconds_words(milliseconds(250)), "0.25 s");
  EXPECT_EQ(seconds_words(milliseconds(9500)), "9.5 s");
  EXPECT_EQ(seconds_words(milliseconds(10000)), "10 s");
  EXPECT_EQ(seconds_words(milliseconds(1234)), "1.23 s");
  EXPECT_EQ(seconds_words(milliseconds(0)), "0 s");
}

}  // namespace
}  // namespace ipclab::harness
