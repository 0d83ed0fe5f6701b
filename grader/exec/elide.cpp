#include "exec/elide.hpp"

namespace ipclab::exec {
namespace {

/// "588 890": the digits of `count` in groups of three.
std::string spaced_thousands(std::size_t count) {
  std::string digits = std::to_string(count);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), " ");
  return digits;
}

}  // namespace

std::string elided(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  // Back up to the start of a UTF-8 character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + " ... " + spaced_thousands(text.size()) + " chars";
}

}  // namespace ipclab::exec
