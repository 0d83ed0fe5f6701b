#include "config/yaml_map_reader.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "config/config_error.hpp"
#include "config/suggest.hpp"
#include "config/units.hpp"

namespace grader {
namespace {

/// The whole of `text` as a T; nullopt when it is not one (or has trailing text).
template <typename T>
std::optional<T> parse_whole(const std::string& text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [next, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || next != end) return std::nullopt;
  return value;
}

}  // namespace

SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

std::string describe(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  if (node.IsScalar()) return quote(node.Scalar());
  return "an empty value";
}

YamlMapReader::YamlMapReader(const YAML::Node& node, const MapShape& shape, std::string file)
    : node_(node), file_(std::move(file)) {
  if (!node.IsMap())
    fail_at(node, fmt::format("{} must be a map, got {}", shape.noun, describe(node)));
  for (const auto& pair : node) {
    check_key(pair.first, shape);
    entries_.push_back({pair.first.Scalar(), pair.first, pair.second});
  }
  check_required(shape);
}

void YamlMapReader::check_key(const YAML::Node& key_node, const MapShape& shape) const {
  if (!key_node.IsScalar())
    fail_at(key_node, fmt::format("a key must be a word, got {}", describe(key_node)));
  const std::string& key = key_node.Scalar();
  if (std::find(shape.keys.begin(), shape.keys.end(), key) == shape.keys.end()) {
    fail_at(key_node, fmt::format("unknown key {}{}", quote(key),
                                  alternatives(key, shape.keys, "expected one of")));
  }
  if (const Entry* first = find(key)) {
    fail_at(key_node, fmt::format("duplicate key {} (first defined at line {})", quote(key),
                                  location_of(first->key_node, file_).line));
  }
}

void YamlMapReader::check_required(const MapShape& shape) const {
  for (const std::string& key : shape.required) {
    if (!has(key)) fail_at(node_, fmt::format("{} is missing '{}'", shape.noun, key));
  }
}

const YamlMapReader::Entry* YamlMapReader::find(const std::string& key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

SourceLocation YamlMapReader::where(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return where();
  SourceLocation value = location_of(entry->value, file_);
  return entry->value.IsNull() || value.line == 0 ? location_of(entry->key_node, file_) : value;
}

/// The value of `key` when it is a scalar; nullptr when absent. Throws for a
/// list, a map or an empty value, saying it should be `expected`.
const YAML::Node* YamlMapReader::scalar(const std::string& key, const char* expected) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return nullptr;
  if (!entry->value.IsScalar()) {
    fail(key, fmt::format("'{}' must be {}, got {}", key, expected, describe(entry->value)));
  }
  return &entry->value;
}

std::optional<std::string> YamlMapReader::string(const std::string& key) const {
  const YAML::Node* value = scalar(key, "a string");
  if (value == nullptr) return std::nullopt;
  return value->Scalar();
}

std::optional<double> YamlMapReader::number(const std::string& key, double min) const {
  const YAML::Node* value = scalar(key, "a number");
  if (value == nullptr) return std::nullopt;
  std::optional<double> number = parse_whole<double>(value->Scalar());
  if (!number || !std::isfinite(*number)) {
    fail(key, fmt::format("'{}' must be a number, got {}", key, describe(*value)));
  }
  if (*number < min)
    fail(key, fmt::format("'{}' must be at least {:g}, got {}", key, min, describe(*value)));
  return number;
}

std::optional<std::int64_t> YamlMapReader::integer(const std::string& key, std::int64_t min,
                                                   std::int64_t max) const {
  const YAML::Node* value = scalar(key, "a whole number");
  if (value == nullptr) return std::nullopt;
  std::optional<std::int64_t> number = parse_whole<std::int64_t>(value->Scalar());
  if (!number) fail(key, fmt::format("'{}' must be a whole number, got {}", key, describe(*value)));
  if (*number < min || *number > max) {
    fail(key,
         fmt::format("'{}' must be between {} and {}, got {}", key, min, max, describe(*value)));
  }
  return number;
}

std::optional<bool> YamlMapReader::boolean(const std::string& key) const {
  const YAML::Node* value = scalar(key, "true or false");
  if (value == nullptr) return std::nullopt;
  if (value->Scalar() == "true") return true;
  if (value->Scalar() == "false") return false;
  fail(key, fmt::format("'{}' must be true or false, got {}", key, describe(*value)));
}

std::optional<std::chrono::milliseconds> YamlMapReader::duration(const std::string& key) const {
  const YAML::Node* value = scalar(key, "a duration");
  if (value == nullptr) return std::nullopt;
  try {
    return parse_duration(value->Scalar());
  } catch (const UnitError& error) {
    fail(key, error.what());
  }
}

std::optional<std::uint64_t> YamlMapReader::size(const std::string& key) const {
  const YAML::Node* value = scalar(key, "a size");
  if (value == nullptr) return std::nullopt;
  try {
    return parse_size(value->Scalar());
  } catch (const UnitError& error) {
    fail(key, error.what());
  }
}

std::optional<YAML::Node> YamlMapReader::list(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  if (!entry->value.IsSequence()) fail(key, fmt::format("'{}' must be a list", key));
  if (entry->value.size() == 0) fail(key, fmt::format("'{}' must not be empty", key));
  return entry->value;
}

std::optional<YAML::Node> YamlMapReader::sequence(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  if (!entry->value.IsSequence()) fail(key, fmt::format("'{}' must be a list", key));
  return entry->value;
}

bool YamlMapReader::holds_map(const std::string& key) const {
  const Entry* entry = find(key);
  return entry != nullptr && entry->value.IsMap();
}

std::optional<YamlMapReader> YamlMapReader::map(const std::string& key,
                                                const MapShape& shape) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  if (!entry->value.IsMap()) fail(key, fmt::format("'{}' must be a map", key));
  return YamlMapReader(entry->value, shape, file_);
}

void YamlMapReader::fail(const std::string& key, const std::string& message) const {
  throw ConfigError(where(key), message);
}

void YamlMapReader::fail_at(const YAML::Node& node, const std::string& message) const {
  throw ConfigError(location_of(node, file_), message);
}

void UniqueIds::add(const YamlMapReader& map, const std::string& id, const std::string& what,
                    const std::string& in) {
  auto [first, inserted] = first_lines_.emplace(id, map.where("id").line);
  if (!inserted) {
    map.fail("id", fmt::format("duplicate {} {}{} (first defined at line {})", what, quote(id), in,
                               first->second));
  }
}

}  // namespace grader
