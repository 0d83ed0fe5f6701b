#pragma once
// Provided: the values dumps() and loads() work with -- a C++ picture of the
// Python objects the course sends through queues and pipes.
//
//   Python                      C++ (a Value holds one of these)
//   None                        None{}
//   True, False                 bool
//   42                          std::int64_t       (64-bit: no bigger integers)
//   1.5                         double
//   'text'                      std::string        (UTF-8)
//   b'\x00\x01'                 Bytes              (std::vector<std::uint8_t>)
//   datetime(2024, 5, 1, ...)   DateTime
//   [1, 2]                      std::shared_ptr<List>
//   (1, 2)                      std::shared_ptr<Tuple>
//   {'k': 1}                    std::shared_ptr<Dict>
//   {1, 2}                      std::shared_ptr<Set>
//   Point(x=1, y=2)             std::shared_ptr<Object>
//   a lambda, an open file,     Unserializable   (exists only inside one process:
//   a socket, a thread, ...                        dumps() must refuse it)
//
// Containers are held through std::shared_ptr, and a shared_ptr is Python's
// identity: two handles to one List are ONE list (Python's `a = [1]; pair = (a, a)`),
// and a list may even contain itself (`l = []; l.append(l)`).
//
// Do not change this file: it is provided, and the grader uses its own copy.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "ipclab/bytes.hpp"

namespace ipclab::pickle {

using ipclab::Bytes;

/// Python's None.
struct None {};

/// A naive datetime.datetime (no time zone).
struct DateTime {
  int year = 1;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
};

/// Something that exists only inside the process that made it, so no bytes can
/// carry it to another process: dumps() must refuse it (see README.md, "What
/// can be sent and what cannot").
struct Unserializable {
  enum class Kind { function, file, socket, thread, generator };
  Kind kind = Kind::function;
  std::string name;  ///< what it is called: a function's name, a file's path, ...
};

struct List;
struct Tuple;
class Dict;
class Set;
struct Object;

using Value = std::variant<None, bool, std::int64_t, double, std::string, Bytes, DateTime,
                           std::shared_ptr<List>, std::shared_ptr<Tuple>, std::shared_ptr<Dict>,
                           std::shared_ptr<Set>, std::shared_ptr<Object>, Unserializable>;

/// Python's list.
struct List {
  std::vector<Value> items;
  ~List();
};

/// Python's tuple.
struct Tuple {
  std::vector<Value> items;
  ~Tuple();
};

/// Python's dict: keys stay in insertion order. Keys must be hashable (see
/// is_hashable()); setting an existing key replaces its value, like Python.
class Dict {
 public:
  /// d[key] = value. Throws std::invalid_argument if `key` is not hashable.
  void set(Value key, Value value);
  /// The value of `key`, or nullptr.
  const Value* get(const Value& key) const;
  /// The (key, value) pairs in insertion order.
  const std::vector<std::pair<Value, Value>>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }
  ~Dict();

 private:
  std::vector<std::pair<Value, Value>> items_;
  std::unordered_multimap<std::size_t, std::size_t> index_;  ///< key hash -> position
};

/// Python's set: items in insertion order, each once. Items must be hashable.
class Set {
 public:
  /// s.add(item): false if an equal item was already there. Throws
  /// std::invalid_argument if `item` is not hashable.
  bool add(Value item);
  bool contains(const Value& item) const;
  const std::vector<Value>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }
  ~Set();

 private:
  std::vector<Value> items_;
  std::unordered_multimap<std::size_t, std::size_t> index_;
};

/// An instance of a user class, like Python's `Point(x=1, y=2)`: the class
/// name and the fields (its __dict__), in order. The class must be registered
/// (is_registered_class) for loads() to rebuild it.
struct Object {
  std::string class_name;
  std::vector<std::pair<std::string, Value>> fields;
  ~Object();
};

// ---- helpers -----------------------------------------------------------------

/// "None", "bool", "int", "float", "str", "bytes", "datetime", "list", "tuple",
/// "dict", "set", "object", or the kind of an Unserializable ("function", ...).
std::string kind_name(const Value& value);

/// "a function", "an open file", "a socket", "a thread", "a generator".
std::string describe(Unserializable::Kind kind);

/// True for what may be a dict key or a set item: None, bool, int, float,
/// str, bytes, datetime, and tuples of these.
bool is_hashable(const Value& value);

/// Equality of hashable values (kinds must match: 1, 1.0 and True differ).
bool same_key(const Value& a, const Value& b);

/// True if `text` is valid UTF-8 (what a Python str can be encoded to; no
/// surrogates, no overlong forms).
bool is_valid_utf8(std::string_view text);

/// True if `name` can be an object's field name: a letter or '_', then
/// letters, digits or '_' (a Python identifier, ASCII only).
bool is_field_name(std::string_view name);

/// How many containers deep `value` is: 0 for a number, 1 for [], 2 for [[]].
/// A container met again (shared or recursive) is not entered twice, just as
/// dumps() writes it only once. Never recurses (safe for any depth).
std::size_t nesting_depth(const Value& value);

/// The classes loads() may rebuild: Point, Task, Job, Worker, Node, Empty.
/// In Python they are classes of the __main__ module.
bool is_registered_class(const std::string& name);
const std::vector<std::string>& registered_classes();

/// Python's pickled state of a datetime: 10 bytes, year big-endian on 2 bytes,
/// then month, day, hour, minute, second, and microsecond big-endian on 3 bytes.
Bytes datetime_state(const DateTime& when);

/// The inverse of datetime_state(); nullopt unless `state` is 10 bytes of a
/// valid date and time (month 1-12, a day that exists, hour < 24, ...).
std::optional<DateTime> datetime_from_state(std::span<const std::uint8_t> state);

}  // namespace ipclab::pickle
