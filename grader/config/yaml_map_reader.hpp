#pragma once
// A YAML map read the strict way: only known keys, each at most once, the
// required ones present, and typed values. Every ConfigError it throws points
// at the offending key or value.

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader {

/// Where `node` starts in `file`, 1-based; line 0 when yaml-cpp has no mark.
SourceLocation location_of(const YAML::Node& node, const std::string& file);

/// What a value is, for messages: "'three'", "a list", "a map", "an empty value".
std::string describe(const YAML::Node& node);

/// The keys a map may and must hold.
struct MapShape {
  std::string noun;                   ///< "exercise" in "exercise is missing 'title'"
  std::vector<std::string> keys;      ///< every allowed key, in the order messages list them
  std::vector<std::string> required;  ///< checked in this order
};

class YamlMapReader {
 public:
  /// Checks `node` against `shape`. Throws ConfigError for, in this order: a
  /// node that is not a map, an unknown key (with "did you mean"), a repeated
  /// key, a missing required key.
  YamlMapReader(const YAML::Node& node, const MapShape& shape, std::string file);

  /// True when the map holds `key`.
  bool has(const std::string& key) const { return find(key) != nullptr; }

  /// The location of the map itself.
  SourceLocation where() const { return location_of(node_, file_); }

  /// The location of the value of `key`, or of the key when the value is empty
  /// or absent (yaml-cpp puts an empty value on the next line).
  SourceLocation where(const std::string& key) const;

  /// The file name used in every location.
  const std::string& file() const { return file_; }

  /// The value as text; nullopt when absent. Throws when it is not a scalar.
  std::optional<std::string> string(const std::string& key) const;

  /// The value as a number >= `min`; nullopt when absent. Throws otherwise.
  std::optional<double> number(const std::string& key, double min) const;

  /// The value as a whole number in [min, max]; nullopt when absent. Throws otherwise.
  std::optional<std::int64_t> integer(const std::string& key, std::int64_t min,
                                      std::int64_t max) const;

  /// The value as true or false; nullopt when absent. Throws otherwise.
  std::optional<bool> boolean(const std::string& key) const;

  /// The value read by parse_duration; nullopt when absent. Throws the
  /// UnitError's message as a ConfigError at the value.
  std::optional<std::chrono::milliseconds> duration(const std::string& key) const;

  /// The value read by parse_size; nullopt when absent. Throws like duration().
  std::optional<std::uint64_t> size(const std::string& key) const;

  /// The value as a non-empty list; nullopt when absent. Throws otherwise.
  std::optional<YAML::Node> list(const std::string& key) const;

  /// The value as a list that may be empty; nullopt when absent. Throws when
  /// it is not a list.
  std::optional<YAML::Node> sequence(const std::string& key) const;

  /// True when the value of `key` is a map.
  bool holds_map(const std::string& key) const;

  /// The value as a map of `shape`; nullopt when absent. Throws otherwise.
  std::optional<YamlMapReader> map(const std::string& key, const MapShape& shape) const;

  /// Throws a ConfigError with `message` at the value of `key`.
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  /// Throws a ConfigError with `message` at `node` (a list item, say).
  [[noreturn]] void fail_at(const YAML::Node& node, const std::string& message) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  const Entry* find(const std::string& key) const;
  const YAML::Node* scalar(const std::string& key, const char* expected) const;
  void check_key(const YAML::Node& key_node, const MapShape& shape) const;
  void check_required(const MapShape& shape) const;

  YAML::Node node_;
  std::string file_;
  std::vector<Entry> entries_;
};

/// The ids of one list's maps (exercises, tests, clauses), each with the line
/// it was first defined at.
class UniqueIds {
 public:
  /// Fails at `map`'s "id" when `id` came before: "duplicate <what> '<id>'<in>
  /// (first defined at line N)", e.g. what "test id", in " in exercise 'x'".
  void add(const YamlMapReader& map, const std::string& id, const std::string& what,
           const std::string& in = "");

 private:
  std::map<std::string, int> first_lines_;
};

}  // namespace grader
