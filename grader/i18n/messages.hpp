#pragma once
// The grader's messages in the student's language, through GNU gettext: each
// message is written in English in the code, marked with tr() so that
// xgettext finds it (po/ipclab.pot), and looked up in the catalog of the
// chosen language (po/<language>.po, built by msgfmt into
// <prefix>/share/locale/<language>/LC_MESSAGES/ipclab.mo).

#include <filesystem>
#include <string>

namespace ipclab::i18n {

/// The text domain of every catalog (the grader's and the harnesses').
inline constexpr const char* kDomain = "ipclab";

/// The variable through which the grader gives each harness run the language
/// of its messages ("es"); a harness run without it speaks English.
inline constexpr const char* kRunLanguageVariable = "IPCLAB_LANGUAGE";

/// Messages from now on in `language` (a code: en, es), read from the
/// catalogs under `locale_dir`. English needs no catalog. Returns false, and
/// leaves messages in English, when there is no catalog for `language`.
/// Sets LANGUAGE in this process's environment (gettext reads it there), so
/// that libc's own texts (strsignal, strerror) follow when it has them; the
/// grader's children get environments of their own, never this one.
bool use_language(const std::string& language, const std::filesystem::path& locale_dir);

/// The language messages are in: "en" until use_language() succeeds.
const std::string& language();

/// `message` (its English text) in the chosen language; `message` itself
/// when the catalog has no translation.
const char* tr(const char* message);

/// `message` in the chosen language as used in `context` (pgettext): where
/// one English word needs two translations ("crashed" alone is "caída", in
/// a count "caídos"). xgettext reads it as --keyword=trc:1c,2.
const char* trc(const char* context, const char* message);

/// `singular` or `plural` in the chosen language, by `n` (ngettext).
const char* trn(const char* singular, const char* plural, unsigned long n);

/// Marks `message` for xgettext where it cannot be translated yet (a table
/// built at compile time); tr() translates it where it is shown.
constexpr const char* tr_later(const char* message) {
  return message;
}

/// Marks `message`, as used in `context`, for xgettext where it cannot be
/// translated yet (--keyword=trc_later:1c,2); trc(context, message)
/// translates it where it is shown.
constexpr const char* trc_later(const char* /*context*/, const char* message) {
  return message;
}

/// The catalogs beside an installed or built program: <bin>/../share/locale.
std::filesystem::path locale_dir_of(const std::filesystem::path& program);

/// The catalogs of a kit program (a harness): <build>/share/locale for
/// <build>/kit/PROGRAM, <prefix>/share/locale for <prefix>/libexec/ipclab/PROGRAM
/// -- the first of the two that is a folder; "" when neither is.
std::filesystem::path kit_locale_dir(const std::filesystem::path& program);

}  // namespace ipclab::i18n
