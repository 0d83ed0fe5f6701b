#pragma once
// Quantities with units as written in assignments.yaml: durations ("250ms",
// "1.5s", "2m") and sizes ("512MiB", "10MB"). A bare number is never accepted:
// "5" could mean seconds or milliseconds, "512" bytes or megabytes.

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace grader {

/// A quantity that could not be read; what() is a one-line message without a
/// location (the loader adds file:line:col).
class UnitError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads "<number><unit>" with unit ms, s, m or h and a number like 5 or 1.5.
/// Throws UnitError for a missing or unknown unit, a negative value, a value
/// that is not a whole number of milliseconds, or one too large to hold.
std::chrono::milliseconds parse_duration(std::string_view text);

/// Reads "<number><unit>" with unit B, KiB, MiB, GiB (powers of 1024) or KB,
/// MB, GB (powers of 1000). Throws UnitError like parse_duration, and for a
/// value that is not a whole number of bytes.
std::uint64_t parse_size(std::string_view text);

/// The shortest form parse_duration reads back: "250ms", "5s", "1.5s", "2m", "1h".
std::string format_duration(std::chrono::milliseconds duration);

/// The shortest exact form parse_size reads back, binary units first:
/// "1MiB", "512KiB", "10KB", "100B".
std::string format_size(std::uint64_t bytes);

}  // namespace grader
