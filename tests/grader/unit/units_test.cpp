#include "config/units.hpp"

#include <gtest/gtest.h>

#include <string>

namespace grader {
namespace {

using std::chrono::milliseconds;

/// The message parse_duration / parse_size throws for `text`, or "no error".
template <typename Parse>
std::string error_of(Parse parse, std::string_view text) {
  try {
    parse(text);
  } catch (const UnitError& error) {
    return error.what();
  }
  return "no error";
}

std::string duration_error(std::string_view text) {
  return error_of(parse_duration, text);
}
std::string size_error(std::string_view text) {
  return error_of(parse_size, text);
}

TEST(ParseDuration, ReadsEveryUnit) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("5s"), milliseconds(5'000));
  EXPECT_EQ(parse_duration("1.5s"), milliseconds(1'500));
  EXPECT_EQ(parse_duration("0.25s"), milliseconds(250));
  EXPECT_EQ(parse_duration("2m"), milliseconds(120'000));
  EXPECT_EQ(parse_duration("1.5m"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3'600'000));
  EXPECT_EQ(parse_duration("0s"), milliseconds(0));
}

TEST(ParseDuration, RejectsAMissingUnitWithTheTwoWaysToWriteIt) {
  EXPECT_EQ(duration_error("5"), "missing unit in '5': write it as '5s' or '5000ms'");
  EXPECT_EQ(duration_error("1.5"), "missing unit in '1.5': write it as '1.5s' or '1500ms'");
}

TEST(ParseDuration, RejectsUnknownUnits) {
  EXPECT_EQ(duration_error("5sec"), "unknown unit 'sec' in '5sec' (use ms, s, m or h)");
  EXPECT_EQ(duration_error("5S"), "unknown unit 'S' in '5S' (use ms, s, m or h)");
  EXPECT_EQ(duration_error("5 s"), "unknown unit ' s' in '5 s' (use ms, s, m or h)");
}

TEST(ParseDuration, RejectsNegativeAndMalformedValues) {
  EXPECT_EQ(duration_error("-5s"), "duration '-5s' must not be negative");
  EXPECT_EQ(duration_error("abc"), "'abc' is not a duration (write it as '5s' or '250ms')");
  EXPECT_EQ(duration_error(""), "'' is not a duration (write it as '5s' or '250ms')");
  EXPECT_EQ(duration_error(".5s"), "'.5s' is not a duration (write it as '5s' or '250ms')");
  EXPECT_EQ(duration_error("1.s"), "'1.s' is not a duration (write it as '5s' or '250ms')");
  EXPECT_EQ(duration_error("1.5ms"), "'1.5ms' is not a whole number of milliseconds");
  EXPECT_EQ(duration_error("9999999999999999s"),
            "'9999999999999999s' is not a duration (write it as '5s' or '250ms')");
  EXPECT_EQ(duration_error("999999999999999h"), "duration '999999999999999h' is too large");
}

TEST(ParseSize, ReadsBinaryAndDecimalUnits) {
  EXPECT_EQ(parse_size("100B"), 100u);
  EXPECT_EQ(parse_size("64KiB"), 64u << 10);
  EXPECT_EQ(parse_size("512MiB"), 512u << 20);
  EXPECT_EQ(parse_size("1GiB"), 1ull << 30);
  EXPECT_EQ(parse_size("1.5GiB"), 3ull << 29);
  EXPECT_EQ(parse_size("10KB"), 10'000u);
  EXPECT_EQ(parse_size("10MB"), 10'000'000u);
  EXPECT_EQ(parse_size("1GB"), 1'000'000'000u);
  EXPECT_EQ(parse_size("0.1KB"), 100u);
  EXPECT_EQ(parse_size("0B"), 0u);
}

TEST(ParseSize, RejectsAPlainNumber) {
  EXPECT_EQ(size_error("512"), "missing unit in '512': write it as '512MiB' or '512B'");
}

TEST(ParseSize, RejectsUnknownUnitsAndBadValues) {
  EXPECT_EQ(size_error("512mb"),
            "unknown unit 'mb' in '512mb' (use B, KiB, MiB, GiB, KB, MB or GB)");
  EXPECT_EQ(size_error("1TiB"),
            "unknown unit 'TiB' in '1TiB' (use B, KiB, MiB, GiB, KB, MB or GB)");
  EXPECT_EQ(size_error("-1MiB"), "size '-1MiB' must not be negative");
  EXPECT_EQ(size_error("MiB"), "'MiB' is not a size (write it as '512MiB' or '64KiB')");
  EXPECT_EQ(size_error("0.5B"), "'0.5B' is not a whole number of bytes");
  EXPECT_EQ(size_error("999999999999999GiB"), "size '999999999999999GiB' is too large");
}

TEST(FormatDuration, UsesTheShortestExactForm) {
  EXPECT_EQ(format_duration(milliseconds(0)), "0ms");
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(5'000)), "5s");
  EXPECT_EQ(format_duration(milliseconds(1'500)), "1.5s");
  EXPECT_EQ(format_duration(milliseconds(1'001)), "1.001s");
  EXPECT_EQ(format_duration(milliseconds(90'000)), "90s");
  EXPECT_EQ(format_duration(milliseconds(120'000)), "2m");
  EXPECT_EQ(format_duration(milliseconds(3'600'000)), "1h");
}

TEST(FormatDuration, ReadsBackToTheSameValue) {
  for (int ms : {1, 999, 1'000, 1'500, 20'000, 61'000, 7'200'000}) {
    EXPECT_EQ(parse_duration(format_duration(milliseconds(ms))), milliseconds(ms)) << ms;
  }
}

TEST(FormatSize, PrefersBinaryUnits) {
  EXPECT_EQ(format_size(0), "0B");
  EXPECT_EQ(format_size(100), "100B");
  EXPECT_EQ(format_size(1ull << 20), "1MiB");
  EXPECT_EQ(format_size(512ull << 10), "512KiB");
  EXPECT_EQ(format_size(2ull << 30), "2GiB");
  EXPECT_EQ(format_size(3ull << 29), "1536MiB");
  EXPECT_EQ(format_size(10'000), "10KB");
  EXPECT_EQ(format_size(1'000'000'000), "1GB");
  EXPECT_EQ(parse_size(format_size(123'456'789)), 123'456'789u);
}

}  // namespace
}  // namespace grader
