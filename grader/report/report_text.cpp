#include "report/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "i18n/messages.hpp"

namespace grader {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// The length of the valid UTF-8 sequence starting at text[i], 0 if none.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  unsigned min_code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) length = 2, min_code = 0x80;
  if ((lead & 0xF0) == 0xE0) length = 3, min_code = 0x800;
  if ((lead & 0xF8) == 0xF0) length = 4, min_code = 0x10000;
  if (length == 0 || i + length > text.size()) return 0;
  unsigned code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8;
  // U+FFFE and U+FFFF are not XML characters.
  const bool valid = code >= min_code && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF) &&
                     code != 0xFFFE && code != 0xFFFF;
  return valid ? length : 0;
}

bool forbidden_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
}

}  // namespace

std::string elided_lines(std::string_view text, std::size_t limit) {
  std::string result;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    result += elided(text.substr(start, end - start), limit);
    if (end < text.size()) result += '\n';
    start = end + 1;
  }
  return result;
}

std::string diagnostic_text(const Diagnostic& diagnostic) {
  std::string where = diagnostic.file;
  if (diagnostic.line > 0) where += fmt::format(":{}", diagnostic.line);
  if (diagnostic.line > 0 && diagnostic.column > 0) where += fmt::format(":{}", diagnostic.column);
  const std::string& severity = diagnostic.severity.empty() ? "error" : diagnostic.severity;
  std::string text = fmt::format("{}: {}: {}", where, severity, elided(diagnostic.message));
  if (!diagnostic.origin.empty()) {
    text += fmt::format(" [inside {}, instantiated from this line]", diagnostic.origin);
  }
  return text;
}

std::vector<std::string> diagnostic_lines(const std::vector<Diagnostic>& diagnostics,
                                          std::size_t limit) {
  std::vector<std::string> lines;
  std::string context;  // the one printed last, as "file: context"
  const std::size_t shown = std::min(diagnostics.size(), limit);
  for (std::size_t i = 0; i < shown; ++i) {
    const Diagnostic& d = diagnostics[i];
    const std::string here = d.context.empty() ? "" : d.file + ": " + elided(d.context) + ":";
    if (!here.empty() && here != context) lines.push_back(here);
    context = here;
    lines.push_back(diagnostic_text(d));
  }
  if (diagnostics.size() > shown)
    lines.push_back(fmt::format("({} more)", diagnostics.size() - shown));
  return lines;
}

std::string format_points(double points) {
  std::string text = fmt::format("{:.2f}", points);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string format_score(double score, double max_score) {
  return format_points(score) + "/" + format_points(max_score);
}

std::string format_total(double score, double max_score) {
  const std::string text = format_score(score, max_score);
  if (max_score <= 0) return text;
  const double percent = std::floor(score * 100 / max_score + 1e-9);
  return text + fmt::format(" ({}%)", static_cast<int>(percent));
}

std::string elapsed_text(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  const long long tenths = (ms + 50) / 100;
  if (tenths % 10 == 0) return fmt::format("{} s", tenths / 10);
  return fmt::format("{}.{} s", tenths / 10, tenths % 10);
}

const char* outcome_words(Outcome outcome) {
  // One test's outcome ("la prueba ... caída"): its own context, apart from the
  // console's counts of several ("2 caídos").
  return ipclab::i18n::trc("outcome", properties_of(outcome).word);
}

std::string sanitized_utf8(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0 || (length == 1 && forbidden_control(static_cast<unsigned char>(text[i])))) {
      clean += kReplacement;
      ++i;
      continue;
    }
    clean.append(text.substr(i, length));
    i += length;
  }
  return clean;
}

std::string escape_markup(std::string_view text, bool in_attribute) {
  std::string escaped;
  for (char c : sanitized_utf8(text)) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      case '\n':
        escaped += in_attribute ? "&#10;" : "\n";
        break;
      case '\r':
        escaped += "&#13;";
        break;
      case '\t':
        escaped += in_attribute ? "&#9;" : "\t";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

std::string_view without_trailing_newlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string markdown_inline(std::string_view text) {
  const std::string clean = sanitized_utf8(text);
  auto word = [&](std::size_t i) {
    return i < clean.size() && std::isalnum(static_cast<unsigned char>(clean[i]));
  };
  std::string escaped;
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      escaped += ' ';
      continue;
    }
    // Inline text never starts a line, so only these can change its meaning;
    // an underscore inside a word (wire_format) is not emphasis.
    const bool intraword_underscore = c == '_' && i > 0 && word(i - 1) && word(i + 1);
    if (std::string_view("\\`*_[]<>|&~").find(c) != std::string_view::npos &&
        !intraword_underscore) {
      escaped += '\\';
    }
    escaped += c;
  }
  return escaped;
}

}  // namespace grader
