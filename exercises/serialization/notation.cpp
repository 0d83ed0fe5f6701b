// Provided: writing values as text (repr) and reading them back (parse_value).
#include "notation.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace ipclab::pickle {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

/// The identity that labels follow: containers, but not empty tuples (Python
/// has only one empty tuple, so sharing it means nothing).
const void* identity_of(const Value& value) {
  if (auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&value)) {
    return (*tuple)->items.empty() ? nullptr : tuple->get();
  }
  return std::visit(
      [](const auto& held) -> const void* {
        if constexpr (requires { held.get(); })
          return held.get();
        else
          return nullptr;
      },
      value);
}

/// Python's repr() of a float: the shortest digits that read back the same,
/// in fixed notation unless the exponent is below -4 or above 15.
std::string float_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  std::string sci(buffer, end);  // "-1.2345e+07"
  std::string sign = sci[0] == '-' ? "-" : "";
  std::size_t e = sci.find('e');
  std::string digits = sci.substr(sign.size(), e - sign.size());
  std::erase(digits, '.');
  int exponent = std::stoi(sci.substr(e + 1));
  int point = exponent + 1;  // digits "15" with point 1 is 1.5
  if (point <= -4 || point > 16) {
    std::string mantissa = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "");
    std::snprintf(buffer, sizeof buffer, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + buffer;
  }
  if (point <= 0) return sign + "0." + std::string(-point, '0') + digits;
  if (static_cast<std::size_t>(point) >= digits.size()) {
    return sign + digits + std::string(point - digits.size(), '0') + ".0";
  }
  return sign + digits.substr(0, point) + "." + digits.substr(point);
}

void append_escape(std::string& out, std::uint32_t code) {
  char buffer[16];
  if (code == '\\' || code == '\'') {
    out += '\\';
    out += static_cast<char>(code);
  } else if (code == '\t') {
    out += "\\t";
  } else if (code == '\n') {
    out += "\\n";
  } else if (code == '\r') {
    out += "\\r";
  } else if (code > 0x20 && code < 0x7f) {
    out += static_cast<char>(code);
  } else {
    const char* format = code < 0x100 ? "\\x%02x" : code < 0x10000 ? "\\u%04x" : "\\U%08x";
    std::snprintf(buffer, sizeof buffer, format, code);
    out += buffer;
  }
}

std::string str_text(const std::string& text) {
  std::string out = "'";
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (i + length > text.size()) length = 1;
    std::uint32_t code = length == 1 ? lead : lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k)
      code = code << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    append_escape(out, code);
    i += length;
  }
  return out + "'";
}

std::string bytes_text(const Bytes& bytes) {
  std::string out = "b'";
  for (std::uint8_t byte : bytes)
    append_escape(out, byte);
  return out + "'";
}

const char* kKindNames[] = {"function", "file", "socket", "thread", "generator"};

class Printer {
 public:
  explicit Printer(bool labels) : labels_(labels) {}

  std::string print(const Value& value) {
    if (labels_) count(value, 0);
    std::string out;
    write(value, out, 0);
    return out;
  }

 private:
  static void guard(std::size_t depth) {
    if (depth > kMaxNotationDepth) {
      throw NotationError("the value is nested more than " + std::to_string(kMaxNotationDepth) +
                          " levels deep: too deep to write as text");
    }
  }

  /// Items in the order they are written: a set's sorted by their own text.
  std::vector<const Value*> ordered(const Set& set) {
    std::vector<std::pair<std::string, const Value*>> keyed;
    for (const Value& item : set.items())
      keyed.emplace_back(Printer(false).print(item), &item);
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Value*> out;
    for (const auto& [text, item] : keyed)
      out.push_back(item);
    return out;
  }

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
      out = ordered(**set);
    } else if (auto* object = std::get_if<std::shared_ptr<Object>>(&value)) {
      for (const auto& field : (*object)->fields)
        out.push_back(&field.second);
    }
    return out;
  }

  void count(const Value& value, std::size_t depth) {
    guard(depth);
    const void* id = identity_of(value);
    if (id == nullptr || seen_[id]++ > 0) return;
    for (const Value* child : children(value))
      count(*child, depth + 1);
  }

  void write(const Value& value, std::string& out, std::size_t depth) {
    guard(depth);
    const void* id = identity_of(value);
    if (labels_ && id != nullptr && seen_[id] > 1) {
      if (auto it = labels_given_.find(id); it != labels_given_.end()) {
        out += "*" + std::to_string(it->second);
        return;
      }
      labels_given_[id] = next_label_;
      out += "&" + std::to_string(next_label_++) + "=";
    }
    write_contents(value, out, depth);
  }

  void write_items(const std::vector<const Value*>& items, std::string& out, std::size_t depth) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ',';
      write(*items[i], out, depth + 1);
    }
  }

  void write_contents(const Value& value, std::string& out, std::size_t depth) {
    std::visit(Overloaded{
                   [&](const None&) { out += "None"; },
                   [&](bool b) { out += b ? "True" : "False"; },
                   [&](std::int64_t i) { out += std::to_string(i); },
                   [&](double d) { out += float_text(d); },
                   [&](const std::string& s) { out += str_text(s); },
                   [&](const Bytes& b) { out += bytes_text(b); },
                   [&](const DateTime& t) {
                     char buffer[96];
                     std::snprintf(buffer, sizeof buffer, "datetime(%d,%d,%d,%d,%d,%d,%d)", t.year,
                                   t.month, t.day, t.hour, t.minute, t.second, t.microsecond);
                     out += buffer;
                   },
                   [&](const std::shared_ptr<List>&) {
                     out += '[';
                     write_items(children(value), out, depth);
                     out += ']';
                   },
                   [&](const std::shared_ptr<Tuple>& tuple) {
                     out += '(';
                     write_items(children(value), out, depth);
                     out += tuple->items.size() == 1 ? ",)" : ")";
                   },
                   [&](const std::shared_ptr<Dict>&) {
                     out += '{';
                     std::vector<const Value*> items = children(value);
                     for (std::size_t i = 0; i < items.size(); i += 2) {
                       if (i > 0) out += ',';
                       write(*items[i], out, depth + 1);
                       out += ':';
                       write(*items[i + 1], out, depth + 1);
                     }
                     out += '}';
                   },
                   [&](const std::shared_ptr<Set>& set) {
                     if (set->size() == 0) {
                       out += "set()";
                       return;
                     }
                     out += '{';
                     write_items(children(value), out, depth);
                     out += '}';
                   },
                   [&](const std::shared_ptr<Object>& object) {
                     out += object->class_name + "(";
                     for (std::size_t i = 0; i < object->fields.size(); ++i) {
                       out += (i > 0 ? "," : "") + object->fields[i].first + "=";
                       write(object->fields[i].second, out, depth + 1);
                     }
                     out += ')';
                   },
                   [&](const Unserializable& thing) {
                     out += std::string("<") + kKindNames[static_cast<int>(thing.kind)] + ":" +
                            thing.name + ">";
                   },
               },
               value);
  }

  bool labels_;
  std::unordered_map<const void*, int> seen_;
  std::unordered_map<const void*, int> labels_given_;
  int next_label_ = 1;
};

}  // namespace

std::string repr(const Value& value) {
  return Printer(true).print(value);
}

}  // namespace ipclab::pickle
