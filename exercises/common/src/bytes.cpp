#include "ipclab/bytes.hpp"

#include <cstdio>
#include <stdexcept>

namespace ipclab {

std::string to_hex(std::span<const std::uint8_t> data) {
  if (data.empty()) return "-";
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(data.size() * 2);
  for (std::uint8_t byte : data) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xf]);
  }
  return hex;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Bytes from_hex(std::string_view hex) {
  if (hex == "-") return {};
  if (hex.size() % 2 != 0) throw std::invalid_argument("hex string has an odd length");
  Bytes out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int high = hex_value(hex[i]);
    int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0)
      throw std::invalid_argument("not a hex digit in '" + std::string(hex) + "'");
    out.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return out;
}

Bytes pattern(std::size_t size, std::uint32_t seed) {
  Bytes out(size);
  std::uint32_t state = seed * 2654435761u + 1;
  for (std::size_t i = 0; i < size; ++i) {
    state = state * 1103515245u + 12345u;  // a plain LCG: fast and deterministic
    out[i] = static_cast<std::uint8_t>(state >> 24);
  }
  return out;
}

std::string digest(std::span<const std::uint8_t> data) {
  std::uint64_t hash = 1469598103934665603ull;
  for (std::uint8_t byte : data) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace ipclab
