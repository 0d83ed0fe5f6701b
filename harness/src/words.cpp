#include "harness/words.hpp"

namespace ipclab::harness {

std::string seconds_words(std::chrono::milliseconds duration) {
  std::string text = fmt::format("{:.2f}", static_cast<double>(duration.count()) / 1000.0);
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

std::string not_implemented_text(const std::string& message, const std::string& request) {
  // ipclab::NotImplemented's own wording (exercises/common/include/ipclab/errors.hpp).
  static const std::string kSuffix = " is not implemented yet";
  const bool stub = message.size() > kSuffix.size() &&
                    message.compare(message.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
  if (!stub) return trf("{} (this test needs it: `{}`)", message, request);
  // TRANSLATORS: a function of the exercise ("Connection::send_bytes"), then a driver command
  return trf("{} is not implemented yet (this test needs it: `{}`)",
             message.substr(0, message.size() - kSuffix.size()), request);
}

std::string use_run_language(const std::string& language, const std::filesystem::path& program) {
  if (language.empty() || language == "en") return "";
  const std::filesystem::path dir = i18n::kit_locale_dir(program);
  if (!dir.empty() && i18n::use_language(language, dir)) return "";
  return "no message catalog for '" + language + "' near " + program.string() +
         " (looked for share/locale above its folder); messages stay in English";
}

}  // namespace ipclab::harness
