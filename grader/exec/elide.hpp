#pragma once
// Values and commands quoted to a person, cut to a readable length: a student
// reads "dumps [0, 1, 2, ... ... 588 890 chars", not 588 890 characters of it.
// One definition for both sides: the harness's failure messages and the
// grader's reports.

#include <cstddef>
#include <string>
#include <string_view>

namespace ipclab::exec {

/// Quoted values longer than this many bytes are cut.
inline constexpr std::size_t kElideBytes = 200;

/// `text` itself when at most `limit` bytes; otherwise its first `limit`
/// bytes (never cutting a UTF-8 character) and " ... 588 890 chars", the
/// whole length with its thousands spaced.
std::string elided(std::string_view text, std::size_t limit = kElideBytes);

}  // namespace ipclab::exec
