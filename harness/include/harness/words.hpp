#pragma once
// What a student reads, in their language: the harness and the tests mark
// every message with tr() (a fixed text) or trf() (a text with values), so
// that xgettext finds it (po/ipclab.pot) and po/<language>.po translates it.
//
//   IPCLAB_EXPECT(got == want) << trf("send_bytes({}) must put {} on the wire", call, show(want));
//   expect_recv(student, "c", bytes, tr("the last message before the other end closed"));
//
// The grader chooses the language and passes it as IPCLAB_LANGUAGE
// (i18n::kRunLanguageVariable); a harness run without it (by hand, or by
// ctest) speaks English.

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>

#include "i18n/messages.hpp"

namespace ipclab::exec {
struct ProcessInfo;
}

namespace ipclab::harness {

using i18n::tr;
using i18n::tr_later;
using i18n::trn;

/// tr(pattern) with its "{}" filled with `args`, in order (fmt's syntax: a
/// translation may reorder them as "{1} ... {0}"). Throws fmt::format_error
/// when a translation's placeholders do not match the arguments.
template <typename... Args>
std::string trf(const char* pattern, Args&&... args) {
  return fmt::format(fmt::runtime(tr(pattern)), std::forward<Args>(args)...);
}

/// trn(singular, plural, n) with its "{}" filled with `args`.
template <typename... Args>
std::string trnf(const char* singular, const char* plural, unsigned long n, Args&&... args) {
  return fmt::format(fmt::runtime(trn(singular, plural, n)), std::forward<Args>(args)...);
}

/// A duration as a reader says it: "0.25 s", "9.5 s", "10 s" (at most two
/// decimals, no trailing zeros).
std::string seconds_words(std::chrono::milliseconds duration);

/// What a driver's NotImplemented reply means, in the run's language: an
/// untouched stub throws ipclab::NotImplemented("Connection::send_bytes"),
/// and the student's program says it in English ("... is not implemented
/// yet"); this says it again in the run's language, with the `request` that
/// needed it. A message without the stub's wording is kept as it is.
std::string not_implemented_text(const std::string& message, const std::string& request);

/// "sleeping in read()": what `process` is doing (exec::describe_activity())
/// in the run's language.
std::string activity_words(const exec::ProcessInfo& process);

/// Messages from now on in the language `language` names ("" or "en":
/// English), from the catalogs of the kit `program` belongs to
/// (i18n::kit_locale_dir). Returns "" when done, else why the messages stay
/// English (no catalog for that language near `program`).
std::string use_run_language(const std::string& language, const std::filesystem::path& program);

}  // namespace ipclab::harness
