// Config errors quote what a file holds: bounded, and never raw bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "config/units.hpp"

namespace grader {
namespace {

std::string error(const std::string& yaml) {
  try {
    parse_course(yaml, "assignments.yaml", "/nowhere");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

bool has_control_bytes(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

TEST(ConfigMessage, AHugeKeyIsElidedWithItsLengthAndAnsweredQuickly) {
  // CPU time, not wall time: a quadratic elision would take hours of CPU on 50 MiB,
  // while a loaded machine only stretches the wall clock (seen: 42 s at load 24).
  std::clock_t start = std::clock();
  std::string message = error("? " + std::string(50 << 20, 'a') + "\n: 1\n");
  EXPECT_LT(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC, 30.0);
  EXPECT_EQ(message.substr(message.find(": ") + 2),
            "unknown key '" + std::string(200, 'a') +
                "\xe2\x80\xa6' (52 428 800 chars) (expected one of: course, language, languages, "
                "defaults, exercises, gradescope)");
}

TEST(ConfigMessage, AHugeValueIsElided) {
  std::string message =
      error("course: x\ndefaults:\n  timeout: " + std::string(1 << 20, 'b') + "\nexercises: []\n");
  EXPECT_LT(message.size(), 400u) << message.substr(0, 400);
  EXPECT_NE(message.find("\xe2\x80\xa6' (1 048 576 chars) is not a duration"), std::string::npos)
      << message.substr(0, 400);
}

TEST(ConfigMessage, ControlBytesAndInvalidUtf8AreEscaped) {
  std::string message = error("\"k\\x01\\x1b[2J\": 1\n");
  EXPECT_FALSE(has_control_bytes(message)) << message;
  EXPECT_NE(message.find("unknown key 'k\\x01\\x1b[2J'"), std::string::npos) << message;
  std::string binary = error(std::string("course: x\nexercises: 1\n\x01\x02\xff\xfe: 2\n"));
  EXPECT_FALSE(has_control_bytes(binary)) << binary;
}

TEST(ConfigMessage, AUnitErrorQuotesItsTextPrintably) {
  try {
    parse_duration("5\x01s");
    FAIL() << "accepted";
  } catch (const UnitError& e) {
    EXPECT_FALSE(has_control_bytes(e.what())) << e.what();
  }
}

}  // namespace
}  // namespace grader
