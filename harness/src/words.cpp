#include "harness/words.hpp"

namespace ipclab::harness {

std::string use_run_language(const std::string& language, const std::filesystem::path& program) {
  if (language.empty() || language == "en") return "";
  const std::filesystem::path dir = i18n::kit_locale_dir(program);
  if (!dir.empty() && i18n::use_language(language, dir)) return "";
  return "no message catalog for '" + language + "' near " + program.string() +
         " (looked for share/locale above its folder); messages stay in English";
}

}  // namespace ipclab::harness
