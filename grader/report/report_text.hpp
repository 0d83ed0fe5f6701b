#pragma once
// Text helpers the file-format reporters share: points, durations, outcomes
// in words, and escaping student text for XML and HTML.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>
#include "exec/elide.hpp"

#include "model/outcome.hpp"
#include "model/results.hpp"

namespace grader {

/// "3", "2.5", "0.33": at most two decimals, no trailing zeros.
std::string format_points(double points);

/// "4.5/16.5".
std::string format_score(double score, double max_score);

/// "4.5/16.5 (27%)": format_score and the percentage, rounded down (99.9% is
/// not 100%); without a percentage when `max_score` is 0.
std::string format_total(double score, double max_score);

/// "12 ms" below a second, "1.3 s" above (as the console shows test times).
std::string elapsed_text(std::chrono::milliseconds duration);

/// "passed", "failed", "timed out", "not built", ...: one test's outcome in
/// words (properties_of(outcome).word), in the chosen language.
const char* outcome_words(Outcome outcome);

/// `text` as valid UTF-8 without the control characters XML 1.0 forbids (all
/// below 0x20 but tab, LF and CR): each bad byte becomes U+FFFD.
std::string sanitized_utf8(std::string_view text);

/// `text` escaped for XML and HTML element content and double-quoted
/// attributes: & < > " ' become entities; CR and LF become &#13; &#10; when
/// `in_attribute` (so that a parser keeps them). Sanitized first.
std::string escape_markup(std::string_view text, bool in_attribute = false);

/// `text` up to its first line break (all of it when it has none).
std::string first_line(std::string_view text);

/// `text` without the line breaks at its end.
std::string_view without_trailing_newlines(std::string_view text);

/// Markdown inline text (never at the start of a line): one line (line breaks
/// become spaces), sanitized, with \ ` * _ [ ] < > | & ~ backslash-escaped so
/// that student text can neither close a table cell nor embed markup or links.
std::string markdown_inline(std::string_view text);

/// Values and commands echoed to a person are cut (exec/elide.hpp, shared
/// with the harness's messages).
using ipclab::exec::elided;
using ipclab::exec::kElideBytes;

/// A line of a message longer than this is cut (see elided_lines).
inline constexpr std::size_t kMaxLineBytes = 240;

/// `text` with each line longer than `limit` bytes elided: a message's
/// echoed values and commands stay readable, its prose lines stay whole.
std::string elided_lines(std::string_view text, std::size_t limit = kMaxLineBytes);

/// "file:line:col: severity: message", as compilers print it; when the
/// compiler reported it inside a header the line instantiated, followed by
/// " [inside ORIGIN, instantiated from this line]". The message is elided.
std::string diagnostic_text(const Diagnostic& diagnostic);

/// How many diagnostics a report for a person lists (the console, feedback.md);
/// the rest are counted ("(N more)"). JUnit and Gradescope list them all.
inline constexpr std::size_t kMaxDiagnosticsShown = 10;

/// The first `limit` diagnostics as lines: each preceded by its function
/// context ("file: In member function '...':") where that changes, as GCC
/// prints it, and "(N more)" at the end when some were left out.
std::vector<std::string> diagnostic_lines(const std::vector<Diagnostic>& diagnostics,
                                          std::size_t limit);

}  // namespace grader
