#pragma once
// Quoting what a user's file holds in a one-line message: a name or value read
// from a file can be megabytes long or hold control bytes and invalid UTF-8,
// which would flood or garble the terminal (and the reports that copy the
// message).

#include <cstddef>
#include <string>
#include <string_view>

namespace grader {

/// `text` with each control byte (tab and newline included), DEL and byte of
/// invalid UTF-8 written as \xNN. Valid UTF-8 passes unchanged, and so does
/// a backslash: printable(printable(x)) == printable(x), so a message can be
/// made printable again at each place it is shown.
std::string printable(std::string_view text);

/// `text` quoted for a message: 'text', printable(); past `max_chars`
/// characters cut, with its length: 'aaaa…' (52 428 800 chars).
std::string quote(std::string_view text, std::size_t max_chars = 200);

}  // namespace grader
