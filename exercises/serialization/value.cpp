// Provided: the containers of value.hpp and the helpers around them.
#include "value.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace ipclab::pickle {
namespace {

bool is_container(const Value& value) {
  return std::holds_alternative<std::shared_ptr<List>>(value) ||
         std::holds_alternative<std::shared_ptr<Tuple>>(value) ||
         std::holds_alternative<std::shared_ptr<Dict>>(value) ||
         std::holds_alternative<std::shared_ptr<Set>>(value) ||
         std::holds_alternative<std::shared_ptr<Object>>(value);
}

/// Destroying a value nested a million levels deep one destructor inside the
/// other would overflow the call stack. So a dying container hands its items
/// to this queue, and the outermost destructor drains it in a loop.
struct Graveyard {
  std::vector<Value> pending;
  bool draining = false;
};
thread_local Graveyard graveyard;

void bury(std::vector<Value>& items) {
  for (Value& item : items) {
    if (is_container(item)) graveyard.pending.push_back(std::move(item));
  }
  items.clear();
  if (graveyard.draining) return;
  graveyard.draining = true;
  while (!graveyard.pending.empty()) {
    Value last = std::move(graveyard.pending.back());
    graveyard.pending.pop_back();
  }  // `last` dies here; its own items only join the queue
  graveyard.draining = false;
}

std::size_t mix(std::size_t seed, std::size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2));
}

/// Hash of a hashable value (checked by the caller).
std::size_t hash_of(const Value& value) {
  std::size_t seed = value.index();
  if (auto* b = std::get_if<bool>(&value)) return mix(seed, *b);
  if (auto* i = std::get_if<std::int64_t>(&value)) return mix(seed, std::hash<std::int64_t>{}(*i));
  if (auto* d = std::get_if<double>(&value)) return mix(seed, std::bit_cast<std::uint64_t>(*d));
  if (auto* s = std::get_if<std::string>(&value)) return mix(seed, std::hash<std::string>{}(*s));
  if (auto* b = std::get_if<Bytes>(&value)) {
    return mix(seed, std::hash<std::string_view>{}(
                         std::string_view(reinterpret_cast<const char*>(b->data()), b->size())));
  }
  if (auto* t = std::get_if<DateTime>(&value)) {
    for (int part : {t->year, t->month, t->day, t->hour, t->minute, t->second, t->microsecond})
      seed = mix(seed, static_cast<std::size_t>(part));
    return seed;
  }
  if (auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&value)) {
    for (const Value& item : (*tuple)->items)
      seed = mix(seed, hash_of(item));
  }
  return seed;
}

bool same_time(const DateTime& a, const DateTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour &&
         a.minute == b.minute && a.second == b.second && a.microsecond == b.microsecond;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// The containers directly inside `value`, in the order dumps() writes them.
std::vector<const Value*> children(const Value& value) {
  std::vector<const Value*> out;
  if (auto* list = std::get_if<std::shared_ptr<List>>(&value)) {
    for (const Value& item : (*list)->items)
      out.push_back(&item);
  } else if (auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&value)) {
    for (const Value& item : (*tuple)->items)
      out.push_back(&item);
  } else if (auto* dict = std::get_if<std::shared_ptr<Dict>>(&value)) {
    for (const auto& [key, item] : (*dict)->items()) {
      out.push_back(&key);
      out.push_back(&item);
    }
  } else if (auto* set = std::get_if<std::shared_ptr<Set>>(&value)) {
    for (const Value& item : (*set)->items())
      out.push_back(&item);
  } else if (auto* object = std::get_if<std::shared_ptr<Object>>(&value)) {
    for (const auto& field : (*object)->fields)
      out.push_back(&field.second);
  }
  std::erase_if(out, [](const Value* v) { return !is_container(*v); });
  return out;
}

const void* identity(const Value& value) {
  return std::visit(
      [](const auto& held) -> const void* {
        if constexpr (requires { held.get(); })
          return held.get();
        else
          return nullptr;
      },
      value);
}

}  // namespace

List::~List() {
  bury(items);
}

Tuple::~Tuple() {
  bury(items);
}

Object::~Object() {
  std::vector<Value> values;
  for (auto& field : fields)
    values.push_back(std::move(field.second));
  bury(values);
}

Dict::~Dict() {
  std::vector<Value> values;
  for (auto& [key, value] : items_) {
    values.push_back(std::move(key));
    values.push_back(std::move(value));
  }
  bury(values);
}

Set::~Set() {
  bury(items_);
}

void Dict::set(Value key, Value value) {
  if (!is_hashable(key)) throw std::invalid_argument("unhashable type: '" + kind_name(key) + "'");
  std::size_t hash = hash_of(key);
  auto [first, last] = index_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (same_key(items_[it->second].first, key)) {
      items_[it->second].second = std::move(value);
      return;
    }
  }
  index_.emplace(hash, items_.size());
  items_.emplace_back(std::move(key), std::move(value));
}

const Value* Dict::get(const Value& key) const {
  if (!is_hashable(key)) return nullptr;
  auto [first, last] = index_.equal_range(hash_of(key));
  for (auto it = first; it != last; ++it) {
    if (same_key(items_[it->second].first, key)) return &items_[it->second].second;
  }
  return nullptr;
}

bool Set::add(Value item) {
  if (!is_hashable(item)) {
    throw std::invalid_argument("unhashable type: '" + kind_name(item) + "'");
  }
  if (contains(item)) return false;
  index_.emplace(hash_of(item), items_.size());
  items_.push_back(std::move(item));
  return true;
}

bool Set::contains(const Value& item) const {
  if (!is_hashable(item)) return false;
  auto [first, last] = index_.equal_range(hash_of(item));
  return std::any_of(first, last,
                     [&](const auto& entry) { return same_key(items_[entry.second], item); });
}

std::string kind_name(const Value& value) {
  static constexpr const char* kNames[] = {"None",     "bool", "int",   "float", "str", "bytes",
                                           "datetime", "list", "tuple", "dict",  "set", "object"};
  if (auto* thing = std::get_if<Unserializable>(&value)) {
    static constexpr const char* kKinds[] = {"function", "file", "socket", "thread", "generator"};
    return kKinds[static_cast<int>(thing->kind)];
  }
  return kNames[value.index()];
}

std::string describe(Unserializable::Kind kind) {
  switch (kind) {
    case Unserializable::Kind::function:
      return "a function";
    case Unserializable::Kind::file:
      return "an open file";
    case Unserializable::Kind::socket:
      return "a socket";
    case Unserializable::Kind::thread:
      return "a thread";
    case Unserializable::Kind::generator:
      return "a generator";
  }
  return "an unknown thing";
}

bool is_hashable(const Value& value) {
  // Iterative, and tuples nested deeper than any value may be are refused, so
  // that no key can make hashing recurse without bound.
  std::vector<std::pair<const Value*, std::size_t>> todo{{&value, 0}};
  while (!todo.empty()) {
    auto [current, depth] = todo.back();
    todo.pop_back();
    if (is_container(*current) || std::holds_alternative<Unserializable>(*current)) {
      auto* tuple = std::get_if<std::shared_ptr<Tuple>>(current);
      if (tuple == nullptr || depth >= 1000) return false;
      for (const Value& item : (*tuple)->items)
        todo.emplace_back(&item, depth + 1);
    }
  }
  return true;
}

bool same_key(const Value& a, const Value& b) {
  if (a.index() != b.index()) return false;
  if (auto* x = std::get_if<double>(&a)) {
    return std::bit_cast<std::uint64_t>(*x) == std::bit_cast<std::uint64_t>(std::get<double>(b));
  }
  if (auto* x = std::get_if<DateTime>(&a)) return same_time(*x, std::get<DateTime>(b));
  if (auto* x = std::get_if<std::shared_ptr<Tuple>>(&a)) {
    const auto& left = (*x)->items;
    const auto& right = std::get<std::shared_ptr<Tuple>>(b)->items;
    if (left.size() != right.size()) return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (!same_key(left[i], right[i])) return false;
    }
    return true;
  }
  if (auto* x = std::get_if<bool>(&a)) return *x == std::get<bool>(b);
  if (auto* x = std::get_if<std::int64_t>(&a)) return *x == std::get<std::int64_t>(b);
  if (auto* x = std::get_if<std::string>(&a)) return *x == std::get<std::string>(b);
  if (auto* x = std::get_if<Bytes>(&a)) return *x == std::get<Bytes>(b);
  return std::holds_alternative<None>(a);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80                    ? 1
                         : lead >= 0xc2 && lead <= 0xdf ? 2
                         : (lead & 0xf0) == 0xe0        ? 3
                         : lead >= 0xf0 && lead <= 0xf4 ? 4
                                                        : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? lead : lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return false;
      code = code << 6 | (byte(i + k) & 0x3f);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_field_name(std::string_view name) {
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  if (name.empty() || !letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return letter(c) || std::isdigit(static_cast<unsigned char>(c));
  });
}

std::size_t nesting_depth(const Value& value) {
  // A depth-first walk in the order dumps() writes, entering each container
  // once: the explicit stack replaces recursion.
  std::vector<std::pair<const Value*, std::size_t>> todo{{&value, 1}};
  std::unordered_map<const void*, bool> entered;
  std::size_t deepest = 0;
  while (!todo.empty()) {
    auto [current, depth] = todo.back();
    todo.pop_back();
    if (!is_container(*current) || !entered.emplace(identity(*current), true).second) continue;
    deepest = std::max(deepest, depth);
    std::vector<const Value*> inside = children(*current);
    for (auto it = inside.rbegin(); it != inside.rend(); ++it)
      todo.emplace_back(*it, depth + 1);
  }
  return deepest;
}

const std::vector<std::string>& registered_classes() {
  static const std::vector<std::string> kClasses = {"Point",  "Task", "Job",
                                                    "Worker", "Node", "Empty"};
  return kClasses;
}

bool is_registered_class(const std::string& name) {
  const auto& classes = registered_classes();
  return std::find(classes.begin(), classes.end(), name) != classes.end();
}

Bytes datetime_state(const DateTime& when) {
  auto byte = [](int value) { return static_cast<std::uint8_t>(value & 0xff); };
  return {byte(when.year >> 8),
          byte(when.year),
          byte(when.month),
          byte(when.day),
          byte(when.hour),
          byte(when.minute),
          byte(when.second),
          byte(when.microsecond >> 16),
          byte(when.microsecond >> 8),
          byte(when.microsecond)};
}

std::optional<DateTime> datetime_from_state(std::span<const std::uint8_t> state) {
  if (state.size() != 10) return std::nullopt;
  DateTime when;
  when.year = state[0] << 8 | state[1];
  when.month = state[2];
  when.day = state[3];
  when.hour = state[4];
  when.minute = state[5];
  when.second = state[6];
  when.microsecond = state[7] << 16 | state[8] << 8 | state[9];
  bool valid = when.year >= 1 && when.year <= 9999 && when.month >= 1 && when.month <= 12 &&
               when.day >= 1 && when.day <= days_in_month(when.year, when.month) &&
               when.hour < 24 && when.minute < 60 && when.second < 60 && when.microsecond < 1000000;
  if (!valid) return std::nullopt;
  return when;
}

}  // namespace ipclab::pickle
