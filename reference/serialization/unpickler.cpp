// Reference unpickler: a strict reader of the protocol-4 subset.
#include <algorithm>
#include <bit>
#include <unordered_map>

#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

/// A stack or memo entry: a value, or a class pushed by STACK_GLOBAL.
struct Item {
  Value value;
  std::string global;  ///< "" for a value; else "datetime" or a registered class name
};

class Unpickler {
 public:
  explicit Unpickler(std::span<const std::uint8_t> data) : data_(data) {}

  Value run() {
    while (!done_)
      step(take(1)[0]);
    if (pos_ != data_.size()) fail("data after STOP");
    if (nesting_depth(result_) > kMaxDepth) fail("value nested deeper than kMaxDepth");
    return std::move(result_);
  }

 private:
  [[noreturn]] static void fail(const std::string& why) { throw UnpicklingError(why); }

  const std::uint8_t* take(std::size_t n) {
    if (n > data_.size() - pos_) fail("pickle data was truncated");
    const std::uint8_t* at = data_.data() + pos_;
    pos_ += n;
    return at;
  }

  std::uint64_t le(std::size_t width) {
    const std::uint8_t* at = take(width);
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < width; ++i)
      n |= std::uint64_t{at[i]} << (8 * i);
    return n;
  }

  std::span<const std::uint8_t> counted(std::size_t width) {
    std::uint64_t n = le(width);
    if (n > data_.size() - pos_) fail("length " + std::to_string(n) + " exceeds the data left");
    return {take(n), static_cast<std::size_t>(n)};
  }

  Item pop() {
    if (stack_.empty()) fail("stack underflow");
    Item item = std::move(stack_.back());
    stack_.pop_back();
    return item;
  }

  Value pop_value() {
    Item item = pop();
    if (!item.global.empty()) fail("a class is not a value");
    return std::move(item.value);
  }

  std::vector<Item> pop_mark() {
    if (marks_.empty()) fail("could not find MARK");
    std::vector<Item> items = std::move(stack_);
    stack_ = std::move(marks_.back());
    marks_.pop_back();
    return items;
  }

  template <class T>
  T& top_as(const char* what) {
    if (stack_.empty()) fail("stack underflow");
    auto* held = std::get_if<std::shared_ptr<T>>(&stack_.back().value);
    if (held == nullptr || !stack_.back().global.empty()) fail(std::string(what));
    return **held;
  }

  void push(Value value) { stack_.push_back({std::move(value), ""}); }

  static Value checked(Item item) {
    if (!item.global.empty()) fail("a class is not a value");
    return std::move(item.value);
  }

  void set_item(Dict& dict, Value key, Value value) {
    if (!is_hashable(key)) fail("unhashable dict key: " + kind_name(key));
    dict.set(std::move(key), std::move(value));
  }

  void add_item(Set& set, Value item) {
    if (!is_hashable(item)) fail("unhashable set item: " + kind_name(item));
    set.add(std::move(item));
  }

  void tuple_of(std::vector<Item> items) {
    auto tuple = std::make_shared<Tuple>();
    for (Item& item : items)
      tuple->items.push_back(checked(std::move(item)));
    push(tuple);
  }

  void tuple_n(std::size_t n) {
    if (stack_.size() < n) fail("stack underflow");
    std::vector<Item> items(std::make_move_iterator(stack_.end() - n),
                            std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - n);
    tuple_of(std::move(items));
  }

  std::string text(std::span<const std::uint8_t> bytes) {
    std::string s(bytes.begin(), bytes.end());
    if (!is_valid_utf8(s)) fail("str is not valid UTF-8");
    return s;
  }

  std::int64_t long1() {
    std::size_t n = take(1)[0];
    if (n > 8) fail("integer does not fit in 64 bits");
    const std::uint8_t* at = take(n);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < n; ++i)
      bits |= std::uint64_t{at[i]} << (8 * i);
    if (n > 0 && n < 8 && (at[n - 1] & 0x80)) bits |= ~std::uint64_t{0} << (8 * n);
    return static_cast<std::int64_t>(bits);
  }

  void stack_global() {
    Value name = pop_value();
    Value module = pop_value();
    auto* n = std::get_if<std::string>(&name);
    auto* m = std::get_if<std::string>(&module);
    if (!n || !m) fail("STACK_GLOBAL needs two str");
    if (*m == "datetime" && *n == "datetime") return stack_.push_back({None{}, "datetime"});
    if (*m != "__main__" || !is_registered_class(*n) || *n == "datetime") {
      fail("class " + *m + "." + *n + " is not allowed");
    }
    stack_.push_back({None{}, *n});
  }

  void newobj() {
    Value args = pop_value();
    Item cls = pop();
    auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&args);
    if (!tuple || !(*tuple)->items.empty()) fail("NEWOBJ needs empty arguments");
    if (cls.global.empty() || cls.global == "datetime") fail("NEWOBJ needs a registered class");
    auto object = std::make_shared<Object>();
    object->class_name = cls.global;
    push(object);
  }

  void build() {
    Value state = pop_value();
    Object& object = top_as<Object>("BUILD needs an object");
    auto* dict = std::get_if<std::shared_ptr<Dict>>(&state);
    if (!dict) fail("BUILD needs a dict of fields");
    for (const auto& [key, value] : (*dict)->items()) {
      auto* name = std::get_if<std::string>(&key);
      if (!name || !is_field_name(*name)) fail("a field name must be an identifier");
      auto same = [&](const auto& field) { return field.first == *name; };
      auto it = std::find_if(object.fields.begin(), object.fields.end(), same);
      if (it != object.fields.end())
        it->second = value;
      else
        object.fields.emplace_back(*name, value);
    }
  }

  void reduce() {
    Value args = pop_value();
    Item callable = pop();
    auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&args);
    if (callable.global != "datetime" || !tuple || (*tuple)->items.size() != 1) {
      fail("REDUCE is only supported for datetime");
    }
    auto* state = std::get_if<Bytes>(&(*tuple)->items[0]);
    std::optional<DateTime> when = state ? datetime_from_state(*state) : std::nullopt;
    if (!when) fail("bad datetime state");
    push(*when);
  }

  void memo_get(std::uint64_t index) {
    auto it = memo_.find(index);
    if (it == memo_.end()) fail("memo key " + std::to_string(index) + " is missing");
    stack_.push_back(it->second);
  }

  void memo_put(std::uint64_t index) {
    if (stack_.empty()) fail("stack underflow");
    memo_[index] = stack_.back();
  }

  void stop() {
    if (stack_.size() != 1 || !marks_.empty()) fail("STOP needs exactly one value on the stack");
    result_ = pop_value();
    done_ = true;
  }

  void step(std::uint8_t code) {
    switch (code) {
      case op::PROTO:
        if (take(1)[0] > 4) fail("unsupported pickle protocol");
        return;
      case op::FRAME:
        if (le(8) > data_.size() - pos_) fail("frame longer than the data left");
        return;
      case op::STOP:
        return stop();
      case op::NONE:
        return push(None{});
      case op::NEWTRUE:
        return push(true);
      case op::NEWFALSE:
        return push(false);
      case op::BININT1:
        return push(static_cast<std::int64_t>(le(1)));
      case op::BININT2:
        return push(static_cast<std::int64_t>(le(2)));
      case op::BININT:
        return push(static_cast<std::int64_t>(static_cast<std::int32_t>(le(4))));
      case op::LONG1:
        return push(long1());
      case op::BINFLOAT: {
        const std::uint8_t* at = take(8);
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
          bits = bits << 8 | at[i];
        return push(std::bit_cast<double>(bits));
      }
      case op::SHORT_BINUNICODE:
        return push(text(counted(1)));
      case op::BINUNICODE:
        return push(text(counted(4)));
      case op::BINUNICODE8:
        return push(text(counted(8)));
      case op::SHORT_BINBYTES:
      case op::BINBYTES:
      case op::BINBYTES8: {
        auto bytes = counted(code == op::SHORT_BINBYTES ? 1 : code == op::BINBYTES ? 4 : 8);
        return push(Bytes(bytes.begin(), bytes.end()));
      }
      case op::MARK:
        marks_.push_back(std::move(stack_));
        stack_.clear();
        return;
      case op::POP:
        pop();
        return;
      case op::POP_MARK:
        pop_mark();
        return;
      case op::EMPTY_LIST:
        return push(std::make_shared<List>());
      case op::EMPTY_TUPLE:
        return push(std::make_shared<Tuple>());
      case op::EMPTY_DICT:
        return push(std::make_shared<Dict>());
      case op::EMPTY_SET:
        return push(std::make_shared<Set>());
      case op::APPEND: {
        Value item = pop_value();
        top_as<List>("APPEND needs a list").items.push_back(std::move(item));
        return;
      }
      case op::APPENDS: {
        std::vector<Item> items = pop_mark();
        List& list = top_as<List>("APPENDS needs a list");
        for (Item& item : items)
          list.items.push_back(checked(std::move(item)));
        return;
      }
      case op::TUPLE1:
      case op::TUPLE2:
      case op::TUPLE3:
        return tuple_n(code - op::TUPLE1 + 1);
      case op::TUPLE:
        return tuple_of(pop_mark());
      case op::SETITEM: {
        Value value = pop_value();
        Value key = pop_value();
        set_item(top_as<Dict>("SETITEM needs a dict"), std::move(key), std::move(value));
        return;
      }
      case op::SETITEMS: {
        std::vector<Item> items = pop_mark();
        Dict& dict = top_as<Dict>("SETITEMS needs a dict");
        if (items.size() % 2 != 0) fail("SETITEMS needs key, value pairs");
        for (std::size_t i = 0; i < items.size(); i += 2)
          set_item(dict, checked(std::move(items[i])), checked(std::move(items[i + 1])));
        return;
      }
      case op::ADDITEMS: {
        std::vector<Item> items = pop_mark();
        Set& set = top_as<Set>("ADDITEMS needs a set");
        for (Item& item : items)
          add_item(set, checked(std::move(item)));
        return;
      }
      case op::MEMOIZE:
        return memo_put(memo_.size());
      case op::BINPUT:
        return memo_put(le(1));
      case op::LONG_BINPUT:
        return memo_put(le(4));
      case op::BINGET:
        return memo_get(le(1));
      case op::LONG_BINGET:
        return memo_get(le(4));
      case op::STACK_GLOBAL:
        return stack_global();
      case op::NEWOBJ:
        return newobj();
      case op::BUILD:
        return build();
      case op::REDUCE:
        return reduce();
      default:
        fail("unknown or unsupported opcode " + std::to_string(code));
    }
  }

  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  bool done_ = false;
  Value result_;
  std::vector<Item> stack_;
  std::vector<std::vector<Item>> marks_;
  std::unordered_map<std::uint64_t, Item> memo_;
};

}  // namespace

Value loads(std::span<const std::uint8_t> data) {
  return Unpickler(data).run();
}

}  // namespace ipclab::pickle
