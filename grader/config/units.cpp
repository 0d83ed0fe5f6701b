#include "config/units.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <optional>

namespace grader {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;  ///< in the base unit: milliseconds or bytes
};

constexpr std::array<Unit, 4> kDurationUnits = {
    {{"ms", 1}, {"s", 1'000}, {"m", 60'000}, {"h", 3'600'000}}};

/// In the order format_size prefers them: largest first, binary before decimal.
constexpr std::array<Unit, 7> kSizeUnits = {{{"GiB", 1ull << 30},
                                             {"MiB", 1ull << 20},
                                             {"KiB", 1ull << 10},
                                             {"GB", 1'000'000'000},
                                             {"MB", 1'000'000},
                                             {"KB", 1'000},
                                             {"B", 1}}};

/// "1.25MiB" split into its parts; the number is kept exact as whole digits
/// and fraction digits so that "0.1KB" is exactly 100 bytes.
struct Quantity {
  std::string_view number;
  std::uint64_t whole = 0;
  std::uint64_t fraction = 0;        ///< the digits after the point
  std::uint64_t fraction_scale = 1;  ///< 10^(number of those digits)
  std::string_view unit;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Reads leading digits into `value`; false when there are none or more than
/// `max_digits`, which keeps the arithmetic in in_base_unit from overflowing.
bool read_digits(std::string_view& text, std::size_t max_digits, std::uint64_t& value,
                 std::uint64_t* scale) {
  std::size_t count = 0;
  while (count < text.size() && is_digit(text[count])) {
    value = value * 10 + static_cast<std::uint64_t>(text[count] - '0');
    if (scale != nullptr) *scale *= 10;
    ++count;
  }
  text.remove_prefix(count);
  return count > 0 && count <= max_digits;
}

/// nullopt when `text` does not start with a number like 5 or 1.5.
std::optional<Quantity> split(std::string_view text) {
  Quantity quantity;
  std::string_view rest = text;
  if (!read_digits(rest, 15, quantity.whole, nullptr)) return std::nullopt;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    if (!read_digits(rest, 9, quantity.fraction, &quantity.fraction_scale)) return std::nullopt;
  }
  quantity.number = text.substr(0, text.size() - rest.size());
  quantity.unit = rest;
  return quantity;
}

template <std::size_t N>
const Unit* find_unit(const std::array<Unit, N>& units, std::string_view name) {
  for (const Unit& unit : units) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

/// The quantity in the base unit; nullopt when it is not a whole number of it.
std::optional<std::uint64_t> in_base_unit(const Quantity& quantity, std::uint64_t factor,
                                          std::string_view text, std::string_view kind) {
  if (quantity.whole > std::numeric_limits<std::uint64_t>::max() / factor) {
    throw UnitError(fmt::format("{} {} is too large", kind, quote(text)));
  }
  // fraction < 10^9 and factor <= 2^30: the product fits in 64 bits.
  std::uint64_t scaled_fraction = quantity.fraction * factor;
  if (scaled_fraction % quantity.fraction_scale != 0) return std::nullopt;
  std::uint64_t whole = quantity.whole * factor;
  std::uint64_t extra = scaled_fraction / quantity.fraction_scale;
  if (whole > std::numeric_limits<std::uint64_t>::max() - extra) {
    throw UnitError(fmt::format("{} {} is too large", kind, quote(text)));
  }
  return whole + extra;
}

/// The checks shared by durations and sizes, before the unit is looked up.
Quantity split_or_throw(std::string_view text, std::string_view kind, std::string_view examples) {
  if (!text.empty() && text.front() == '-' && split(text.substr(1))) {
    throw UnitError(fmt::format("{} {} must not be negative", kind, quote(text)));
  }
  std::optional<Quantity> quantity = split(text);
  if (!quantity) {
    throw UnitError(fmt::format("{} is not a {} (write it as {})", quote(text), kind, examples));
  }
  return *quantity;
}

/// "1.5" as milliseconds for the "write it as" hint; exact for the usual cases.
std::string as_milliseconds(const Quantity& quantity) {
  double seconds =
      static_cast<double>(quantity.whole) +
      static_cast<double>(quantity.fraction) / static_cast<double>(quantity.fraction_scale);
  return fmt::format("{:g}", seconds * 1000);
}

}  // namespace

std::chrono::milliseconds parse_duration(std::string_view text) {
  Quantity quantity = split_or_throw(text, "duration", "'5s' or '250ms'");
  if (quantity.unit.empty()) {
    throw UnitError(fmt::format("missing unit in {}: write it as '{}s' or '{}ms'", quote(text),
                                quantity.number, as_milliseconds(quantity)));
  }
  const Unit* unit = find_unit(kDurationUnits, quantity.unit);
  if (unit == nullptr) {
    throw UnitError(fmt::format("unknown unit {} in {} (use ms, s, m or h)", quote(quantity.unit),
                                quote(text)));
  }
  std::optional<std::uint64_t> ms = in_base_unit(quantity, unit->factor, text, "duration");
  if (!ms) throw UnitError(fmt::format("{} is not a whole number of milliseconds", quote(text)));
  if (*ms > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw UnitError(fmt::format("duration {} is too large", quote(text)));
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(*ms));
}

std::uint64_t parse_size(std::string_view text) {
  Quantity quantity = split_or_throw(text, "size", "'512MiB' or '64KiB'");
  if (quantity.unit.empty()) {
    throw UnitError(fmt::format("missing unit in {}: write it as '{}MiB' or '{}B'", quote(text),
                                quantity.number, quantity.number));
  }
  const Unit* unit = find_unit(kSizeUnits, quantity.unit);
  if (unit == nullptr) {
    throw UnitError(fmt::format("unknown unit {} in {} (use B, KiB, MiB, GiB, KB, MB or GB)",
                                quote(quantity.unit), quote(text)));
  }
  std::optional<std::uint64_t> bytes = in_base_unit(quantity, unit->factor, text, "size");
  if (!bytes) throw UnitError(fmt::format("{} is not a whole number of bytes", quote(text)));
  return *bytes;
}

std::string format_duration(std::chrono::milliseconds duration) {
  std::int64_t ms = duration.count();
  if (ms != 0 && ms % 3'600'000 == 0) return fmt::format("{}h", ms / 3'600'000);
  if (ms != 0 && ms % 60'000 == 0) return fmt::format("{}m", ms / 60'000);
  if (ms < 1'000 && ms > -1'000) return fmt::format("{}ms", ms);
  // Seconds with up to three decimals, trailing zeros dropped: 1500 -> "1.5s".
  std::string text = fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

std::string format_size(std::uint64_t bytes) {
  for (const Unit& unit : kSizeUnits) {
    if (bytes != 0 && bytes % unit.factor == 0) {
      return fmt::format("{}{}", bytes / unit.factor, unit.name);
    }
  }
  return "0B";
}

}  // namespace grader
