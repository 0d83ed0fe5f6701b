// Provided: reading the notation of notation.hpp back into a Value.
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "notation.hpp"

namespace ipclab::pickle {
namespace {

/// Where a value is being put: only a list item, a dict value or an object
/// field can refer to a tuple that is still being written (Python builds such
/// a tuple first and then puts it into the list; a tuple cannot hold itself).
enum class Slot { top, mutable_item, fixed_item };

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value parse() {
    Value value = parse_value(0, Slot::top);
    skip_spaces();
    if (pos_ != text_.size()) fail("unexpected text after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    std::string near(text_.substr(pos_, 20));
    throw NotationError("bad value at character " + std::to_string(pos_ + 1) + " ('" + near +
                        "'): " + why);
  }

  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
  }

  char peek() {
    skip_spaces();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }

  std::string word() {
    skip_spaces();
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::int64_t label_number() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
    std::int64_t n = 0;
    auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, n);
    if (error != std::errc() || start == pos_) fail("expected a label number");
    return n;
  }

  Value parse_value(std::size_t depth, Slot slot) {
    if (depth > kMaxNotationDepth) fail("nested too deeply");
    char c = peek();
    if (c == '&') return labelled(depth);
    if (c == '*') return reference(slot);
    if (c == '[') return list(depth, std::make_shared<List>());
    if (c == '(') return tuple(depth, std::make_shared<Tuple>());
    if (c == '{') return brace(depth, nullptr);
    if (c == '\'' || c == '"') return string_literal();
    if (c == '<') return unserializable();
    if (c == 'b' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '\'' || text_[pos_ + 1] == '"'))
      return bytes_literal();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')
      return number();
    return named(depth);
  }

  Value labelled(std::size_t depth) {
    ++pos_;
    std::int64_t n = label_number();
    expect('=');
    if (labels_.count(n)) fail("label &" + std::to_string(n) + "= is defined twice");
    char c = peek();
    if (c == '[') return list(depth, remember(n, std::make_shared<List>()));
    if (c == '{') return brace(depth, &n);
    if (c == '(') {
      auto tuple_ptr = remember(n, std::make_shared<Tuple>());
      open_tuples_.insert(n);
      Value value = tuple(depth, tuple_ptr);
      open_tuples_.erase(n);
      return value;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t start = pos_;
      std::string name = word();
      if (name != "None" && name != "True" && name != "False" && name != "datetime" &&
          name != "nan" && name != "inf" && peek() == '(') {
        if (name == "set") return brace_set_empty(remember(n, std::make_shared<Set>()));
        return object(depth, name, remember(n, std::make_shared<Object>()));
      }
      pos_ = start;
    }
    fail("a label (&N=) must name a list, tuple, dict, set or object");
  }

  template <class T>
  std::shared_ptr<T> remember(std::int64_t n, std::shared_ptr<T> container) {
    labels_[n] = container;
    return container;
  }

  Value reference(Slot slot) {
    ++pos_;
    std::int64_t n = label_number();
    auto it = labels_.find(n);
    if (it == labels_.end())
      fail("*" + std::to_string(n) + " refers to no label &" + std::to_string(n) + "= before it");
    if (open_tuples_.count(n) && slot != Slot::mutable_item) {
      fail("a tuple can only contain itself through a list, a dict value or an object field");
    }
    return it->second;
  }

  Value list(std::size_t depth, std::shared_ptr<List> list) {
    expect('[');
    if (accept(']')) return list;
    do {
      list->items.push_back(parse_value(depth + 1, Slot::mutable_item));
    } while (accept(','));
    expect(']');
    return list;
  }

  Value tuple(std::size_t depth, std::shared_ptr<Tuple> tuple) {
    expect('(');
    if (accept(')')) return tuple;
    bool trailing_comma = false;
    for (;;) {
      tuple->items.push_back(parse_value(depth + 1, Slot::fixed_item));
      if (!accept(',')) break;
      if (peek() == ')') {
        trailing_comma = true;
        break;
      }
    }
    expect(')');
    if (tuple->items.size() == 1 && !trailing_comma) fail("write a 1-tuple as (x,)");
    return tuple;
  }

  /// {} {k:v,...} {a,b,...}; `label` names the dict or set when given.
  Value brace(std::size_t depth, const std::int64_t* label) {
    expect('{');
    if (accept('}')) return named_container(label, std::make_shared<Dict>());
    Value first = parse_value(depth + 1, Slot::fixed_item);
    if (accept(':')) {
      auto dict = named_container(label, std::make_shared<Dict>());
      Value item = parse_value(depth + 1, Slot::mutable_item);
      insert([&] { dict->set(std::move(first), std::move(item)); });
      while (accept(',')) {
        Value key = parse_value(depth + 1, Slot::fixed_item);
        expect(':');
        Value value = parse_value(depth + 1, Slot::mutable_item);
        insert([&] { dict->set(std::move(key), std::move(value)); });
      }
      expect('}');
      return dict;
    }
    auto set = named_container(label, std::make_shared<Set>());
    insert([&] { set->add(std::move(first)); });
    while (accept(',')) {
      Value item = parse_value(depth + 1, Slot::fixed_item);
      insert([&] { set->add(std::move(item)); });
    }
    expect('}');
    return set;
  }

  template <class T>
  std::shared_ptr<T> named_container(const std::int64_t* label, std::shared_ptr<T> container) {
    if (label != nullptr) labels_[*label] = container;
    return container;
  }

  template <class F>
  void insert(F action) {
    try {
      action();
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
  }

  Value brace_set_empty(std::shared_ptr<Set> set) {
    expect('(');
    expect(')');
    return set;
  }

  Value named(std::size_t depth) {
    std::string name = word();
    if (name.empty()) fail("expected a value");
    if (name == "None") return None{};
    if (name == "True") return true;
    if (name == "False") return false;
    if (name == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (name == "inf") return std::numeric_limits<double>::infinity();
    if (peek() != '(') fail("unknown name '" + name + "'");
    if (name == "set") return brace_set_empty(std::make_shared<Set>());
    if (name == "datetime") return datetime();
    return object(depth, name, std::make_shared<Object>());
  }

  Value datetime() {
    expect('(');
    int parts[7] = {1, 1, 1, 0, 0, 0, 0};
    for (int i = 0; i < 7; ++i) {
      if (i > 0) expect(',');
      Value part = number();
      auto* n = std::get_if<std::int64_t>(&part);
      if (n == nullptr || *n < 0 || *n > 9999999) fail("datetime() takes 7 whole numbers");
      parts[i] = static_cast<int>(*n);
    }
    expect(')');
    DateTime when{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]};
    if (!datetime_from_state(datetime_state(when)) || when.year > 9999) {
      fail("not a valid date and time");
    }
    return when;
  }

  Value object(std::size_t depth, const std::string& name, std::shared_ptr<Object> object) {
    if (!is_field_name(name)) fail("expected a class name");
    object->class_name = name;
    expect('(');
    std::set<std::string> names;
    while (!accept(')')) {
      if (!object->fields.empty()) expect(',');
      std::string field = word();
      if (!is_field_name(field)) fail("expected a field name");
      if (!names.insert(field).second) fail("field '" + field + "' is given twice");
      expect('=');
      object->fields.emplace_back(field, parse_value(depth + 1, Slot::mutable_item));
    }
    return object;
  }

  Value number() {
    skip_spaces();
    std::size_t start = pos_;
    if (text_.substr(pos_, 4) == "-inf") {
      pos_ += 4;
      return -std::numeric_limits<double>::infinity();
    }
    while (pos_ < text_.size() &&
           std::string_view("0123456789+-.eE").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
    std::string_view token = text_.substr(start, pos_ - start);
    const char* first = token.data() + (token.starts_with('+') ? 1 : 0);
    const char* last = token.data() + token.size();
    if (token.find_first_of(".eE") == std::string_view::npos) {
      std::int64_t n = 0;
      auto [end, error] = std::from_chars(first, last, n);
      if (error == std::errc::result_out_of_range) fail("integer out of the 64-bit range");
      if (error != std::errc() || end != last) fail("not a number");
      return n;
    }
    double d = 0;
    auto [end, error] = std::from_chars(first, last, d);
    if (error != std::errc() || end != last) fail("not a number");
    return d;
  }

  std::uint32_t hex_escape(std::size_t digits) {
    if (pos_ + digits > text_.size()) fail("incomplete escape");
    std::uint32_t code = 0;
    auto [end, error] =
        std::from_chars(text_.data() + pos_, text_.data() + pos_ + digits, code, 16);
    if (error != std::errc() || end != text_.data() + pos_ + digits) fail("bad hex escape");
    pos_ += digits;
    return code;
  }

  /// The next character of a quoted literal, escapes decoded; nullopt at the quote.
  std::optional<std::uint32_t> literal_char(char quote, bool* raw_byte) {
    if (pos_ >= text_.size()) fail("unterminated quote");
    char c = text_[pos_++];
    *raw_byte = false;
    if (c == quote) return std::nullopt;
    if (c != '\\') {
      *raw_byte = true;
      return static_cast<unsigned char>(c);
    }
    if (pos_ >= text_.size()) fail("unterminated quote");
    switch (char e = text_[pos_++]) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'x':
        return hex_escape(2);
      case 'u':
        return hex_escape(4);
      case 'U':
        return hex_escape(8);
      case '\\':
      case '\'':
      case '"':
        return static_cast<unsigned char>(e);
      default:
        fail(std::string("unknown escape \\") + e);
    }
  }

  Value string_literal() {
    char quote = text_[pos_++];
    std::string out;
    bool raw = false;
    while (auto code = literal_char(quote, &raw)) {
      if (raw) {
        out += static_cast<char>(*code);  // UTF-8 typed as is
        continue;
      }
      if (*code > 0x10ffff || (*code >= 0xd800 && *code <= 0xdfff)) fail("not a Unicode character");
      append_utf8(out, *code);
    }
    if (!is_valid_utf8(out)) fail("a str must be valid UTF-8");
    return out;
  }

  static void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | code >> 6);
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | code >> 12);
      out += static_cast<char>(0x80 | (code >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | code >> 18);
      out += static_cast<char>(0x80 | (code >> 12 & 0x3f));
      out += static_cast<char>(0x80 | (code >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  Value bytes_literal() {
    ++pos_;  // b
    char quote = text_[pos_++];
    Bytes out;
    bool raw = false;
    while (auto code = literal_char(quote, &raw)) {
      if (*code > 0xff || (raw && *code >= 0x80)) fail("bytes hold only values 0-255 (\\xNN)");
      out.push_back(static_cast<std::uint8_t>(*code));
    }
    return out;
  }

  Value unserializable() {
    ++pos_;
    std::string kind = word();
    static const std::unordered_map<std::string, Unserializable::Kind> kKinds = {
        {"function", Unserializable::Kind::function},
        {"file", Unserializable::Kind::file},
        {"socket", Unserializable::Kind::socket},
        {"thread", Unserializable::Kind::thread},
        {"generator", Unserializable::Kind::generator}};
    auto it = kKinds.find(kind);
    if (it == kKinds.end()) fail("expected <function:NAME>, <file:NAME>, <socket:NAME>, ...");
    expect(':');
    std::size_t end = text_.find('>', pos_);
    if (end == std::string_view::npos) fail("missing '>'");
    Unserializable thing{it->second, std::string(text_.substr(pos_, end - pos_))};
    pos_ = end + 1;
    return thing;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::unordered_map<std::int64_t, Value> labels_;
  std::set<std::int64_t> open_tuples_;
};

}  // namespace

Value parse_value(std::string_view text) {
  return Parser(text).parse();
}

}  // namespace ipclab::pickle
