#include "i18n/messages.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace ipclab::i18n {
namespace {

std::string& chosen() {
  static std::string language = "en";
  return language;
}

/// gettext ignores LANGUAGE under the "C" locale; C.UTF-8 (built into glibc)
/// keeps messages' bytes as they are and lets LANGUAGE choose. Only
/// LC_MESSAGES changes: numbers keep their C format in every report.
void messages_locale() {
  const char* set = std::setlocale(LC_MESSAGES, "");
  if (set == nullptr || std::strcmp(set, "C") == 0 || std::strcmp(set, "POSIX") == 0)
    std::setlocale(LC_MESSAGES, "C.UTF-8");
}

}  // namespace

bool use_language(const std::string& language, const std::filesystem::path& locale_dir) {
  if (language == "en") {
    if (chosen() != "en") {  // undo what choosing another did: libc's own messages too
      ::unsetenv("LANGUAGE");
      std::setlocale(LC_MESSAGES, "C");
    }
    chosen() = "en";
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(
          locale_dir / language / "LC_MESSAGES" / (std::string(kDomain) + ".mo"), ec))
    return false;
  ::setenv("LANGUAGE", language.c_str(), 1);
  messages_locale();
  ::bindtextdomain(kDomain, locale_dir.c_str());
  ::bind_textdomain_codeset(kDomain, "UTF-8");
  chosen() = language;
  return true;
}

const std::string& language() {
  return chosen();
}

const char* tr(const char* message) {
  return chosen() == "en" ? message : ::dgettext(kDomain, message);
}

const char* trc(const char* context, const char* message) {
  if (chosen() == "en") return message;
  // gettext keys a message with a context as "context\004message" and
  // returns the key itself when the catalog has no translation.
  const std::string key = std::string(context) + '\004' + message;
  const char* found = ::dgettext(kDomain, key.c_str());
  return found == key.c_str() ? message : found;
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
  if (chosen() == "en") return n == 1 ? singular : plural;
  return ::dngettext(kDomain, singular, plural, n);
}

std::filesystem::path locale_dir_of(const std::filesystem::path& program) {
  return program.parent_path().parent_path() / "share" / "locale";
}

std::filesystem::path kit_locale_dir(const std::filesystem::path& program) {
  const std::filesystem::path kit = program.parent_path();
  std::error_code ec;
  for (const auto& prefix : {kit.parent_path(), kit.parent_path().parent_path()}) {
    if (std::filesystem::is_directory(prefix / "share" / "locale", ec))
      return prefix / "share" / "locale";
  }
  return {};
}

}  // namespace ipclab::i18n
