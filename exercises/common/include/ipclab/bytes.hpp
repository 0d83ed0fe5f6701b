#pragma once
// Small helpers for byte strings, shared by the provided drivers and the
// grading harnesses: hex text for the command protocol, a deterministic byte
// pattern for large messages, and a digest to compare them without copying.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipclab {

using Bytes = std::vector<std::uint8_t>;

/// Lower-case hex of `data`; "-" for an empty string (so it stays one word).
std::string to_hex(std::span<const std::uint8_t> data);

/// Inverse of to_hex(); throws std::invalid_argument on odd length or a non-hex digit.
Bytes from_hex(std::string_view hex);

/// `size` bytes of a pattern that depends on `seed`, so a misplaced chunk is visible.
Bytes pattern(std::size_t size, std::uint32_t seed);

/// FNV-1a 64-bit digest, as 16 hex digits.
std::string digest(std::span<const std::uint8_t> data);

/// The bytes of a string literal or text.
inline Bytes bytes_of(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

}  // namespace ipclab
