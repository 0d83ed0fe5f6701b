#pragma once
// Values and commands quoted in a failure message, cut to a readable length:
// a student reads "dumps [0, 1, 2, ... ... 588 890 chars", not 588 890
// characters of it. The grader's reports cut the same way (report_text.hpp).

#include <cstddef>
#include <string>
#include <string_view>

namespace ipclab::harness {

/// Quoted values longer than this many bytes are cut.
inline constexpr std::size_t kElideBytes = 200;

/// `text` itself when at most `limit` bytes; otherwise its first `limit`
/// bytes (never cutting a UTF-8 character) and " ... 588 890 chars", the
/// whole length with its thousands spaced.
std::string elided(std::string_view text, std::size_t limit = kElideBytes);

}  // namespace ipclab::harness
