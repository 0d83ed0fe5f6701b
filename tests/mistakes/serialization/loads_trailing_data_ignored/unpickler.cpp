// Serialization, part 2: the unpickler (model answer).
//
// A pickle is a small program for a stack machine: each opcode pushes a value,
// or takes values from the top of the stack and pushes what it builds from
// them. STOP ends the program; the one value left on the stack is the result.
//
//   ]  MEMOIZE  (  K 1  K 2  e  .      push [], remember it, MARK, push 1, push 2,
//                                      APPENDS: append everything since the MARK
//
// Everything in the input is checked before it is used: the input may be cut
// short, corrupted, or written to make a careless reader crash. Whatever is
// wrong, loads() throws UnpicklingError.
#include <algorithm>
#include <bit>
#include <map>
#include <optional>

#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

[[noreturn]] void fail(const std::string& why) {
  throw UnpicklingError(why);
}

/// The input, read front to back. Every read checks that the bytes are there.
class Input {
 public:
  explicit Input(std::span<const std::uint8_t> data) : data_(data) {}

  std::size_t left() const { return data_.size() - position_; }

  /// The next `count` bytes. Checked BEFORE anything is copied or allocated:
  /// a corrupt length field may claim terabytes.
  std::span<const std::uint8_t> bytes(std::uint64_t count) {
    if (count > left()) fail("pickle data was truncated (or a length is too large)");
    auto chunk = data_.subspan(position_, static_cast<std::size_t>(count));
    position_ += static_cast<std::size_t>(count);
    return chunk;
  }

  std::uint8_t byte() { return bytes(1)[0]; }

  /// An unsigned number of `width` bytes, least significant first.
  std::uint64_t little_endian(int width) {
    std::uint64_t value = 0;
    auto chunk = bytes(width);
    for (int i = width - 1; i >= 0; --i)
      value = value << 8 | chunk[i];
    return value;
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t position_ = 0;
};

/// What the stack holds: a value, or a class pushed by STACK_GLOBAL. A class
/// is not a value: only NEWOBJ and REDUCE may use it.
struct StackEntry {
  Value value;
  std::optional<std::string> class_name;  ///< "datetime", or a registered class
};

class Unpickler {
 public:
  explicit Unpickler(std::span<const std::uint8_t> data) : input_(data) {}

  Value run() {
    while (!stopped_)
      execute(input_.byte());
    // Python's pickle.loads() ignores what follows STOP, so do we.
    if (nesting_depth(result_) > kMaxDepth) {
      fail("the value is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    return std::move(result_);
  }

 private:
  // ---- the stack ---------------------------------------------------------------

  void push(Value value) { stack_.push_back({std::move(value), std::nullopt}); }

  StackEntry pop_entry() {
    if (stack_.empty()) fail("stack underflow: an opcode needs a value that is not there");
    StackEntry entry = std::move(stack_.back());
    stack_.pop_back();
    return entry;
  }

  static Value value_of(StackEntry entry) {
    if (entry.class_name) fail("a class cannot be used as a value");
    return std::move(entry.value);
  }

  Value pop_value() { return value_of(pop_entry()); }

  /// MARK puts the stack aside and starts an empty one; pop_mark() returns
  /// what was pushed since, and brings the stack from before the MARK back.
  std::vector<StackEntry> pop_mark() {
    if (marks_.empty()) fail("could not find MARK");
    std::vector<StackEntry> since_mark = std::move(stack_);
    stack_ = std::move(marks_.back());
    marks_.pop_back();
    return since_mark;
  }

  /// The container of type C on top of the stack (left there).
  template <class C>
  C& top(const char* opcode) {
    if (stack_.empty()) fail(std::string(opcode) + ": stack underflow");
    auto* container = std::get_if<std::shared_ptr<C>>(&stack_.back().value);
    if (container == nullptr || stack_.back().class_name) {
      fail(std::string(opcode) + ": the value below is a " + kind_name(stack_.back().value));
    }
    return **container;
  }

  // ---- the memo -----------------------------------------------------------------

  void memo_put(std::uint64_t index) {
    if (stack_.empty()) fail("memo put on an empty stack");
    memo_[index] = stack_.back();  // a copy: shared_ptr copies keep the identity
  }

  void memo_get(std::uint64_t index) {
    auto found = memo_.find(index);
    if (found == memo_.end()) fail("memo key " + std::to_string(index) + " is missing");
    stack_.push_back(found->second);
  }

  // ---- values -------------------------------------------------------------------

  /// LONG1: n bytes of a two's complement integer, least significant first.
  void load_long1() {
    std::size_t size = input_.byte();
    if (size > 8) fail("integer too large for 64 bits");
    auto digits = input_.bytes(size);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < size; ++i)
      bits |= std::uint64_t{digits[i]} << (8 * i);
    if (size > 0 && size < 8 && (digits[size - 1] & 0x80)) {
      bits |= ~std::uint64_t{0} << (8 * size);  // negative: extend the sign
    }
    push(static_cast<std::int64_t>(bits));
  }

  void load_float() {
    std::uint64_t bits = 0;
    for (std::uint8_t byte : input_.bytes(8))
      bits = bits << 8 | byte;  // big-endian, unlike everything else
    push(std::bit_cast<double>(bits));
  }

  /// str and bytes: a length of `width` bytes, then that many bytes.
  std::span<const std::uint8_t> counted(int width) {
    return input_.bytes(input_.little_endian(width));
  }

  void load_str(int width) {
    auto utf8 = counted(width);
    std::string text(utf8.begin(), utf8.end());
    if (!is_valid_utf8(text)) fail("a str is not valid UTF-8");
    push(std::move(text));
  }

  void load_bytes(int width) {
    auto data = counted(width);
    push(Bytes(data.begin(), data.end()));
  }

  // ---- containers -----------------------------------------------------------------

  void make_tuple(std::vector<StackEntry> entries) {
    auto tuple = std::make_shared<Tuple>();
    for (StackEntry& entry : entries)
      tuple->items.push_back(value_of(std::move(entry)));
    push(tuple);
  }

  /// TUPLE1..3: the top `count` values become a tuple.
  void load_small_tuple(std::size_t count) {
    if (stack_.size() < count) fail("stack underflow");
    std::vector<StackEntry> entries;
    for (std::size_t i = stack_.size() - count; i < stack_.size(); ++i)
      entries.push_back(std::move(stack_[i]));
    stack_.resize(stack_.size() - count);
    make_tuple(std::move(entries));
  }

  void put_in_dict(Dict& dict, Value key, Value value) {
    if (!is_hashable(key)) fail("a dict key cannot be a " + kind_name(key));
    dict.set(std::move(key), std::move(value));
  }

  void load_setitems() {
    std::vector<StackEntry> entries = pop_mark();
    Dict& dict = top<Dict>("SETITEMS");
    if (entries.size() % 2 != 0) fail("SETITEMS: a key without a value");
    for (std::size_t i = 0; i < entries.size(); i += 2)
      put_in_dict(dict, value_of(std::move(entries[i])), value_of(std::move(entries[i + 1])));
  }

  void load_additems() {
    std::vector<StackEntry> entries = pop_mark();
    Set& set = top<Set>("ADDITEMS");
    for (StackEntry& entry : entries) {
      Value item = value_of(std::move(entry));
      if (!is_hashable(item)) fail("a set cannot hold a " + kind_name(item));
      set.add(std::move(item));
    }
  }

  // ---- classes, objects, datetimes --------------------------------------------------

  /// module, name -> the class. Only datetime.datetime and the registered
  /// classes of __main__: a pickle could name any function of any module, and
  /// Python would call it -- that is why unpickling untrusted data is unsafe.
  void load_stack_global() {
    Value name = pop_value();
    Value module = pop_value();
    auto* n = std::get_if<std::string>(&name);
    auto* m = std::get_if<std::string>(&module);
    if (n == nullptr || m == nullptr) fail("STACK_GLOBAL needs a module and a name");
    if (*m == "datetime" && *n == "datetime") {
      stack_.push_back({None{}, "datetime"});
    } else if (*m == "__main__" && is_registered_class(*n)) {
      stack_.push_back({None{}, *n});
    } else {
      fail("class " + *m + "." + *n + " is not one loads() may create");
    }
  }

  /// class, () -> a new, empty object of that class.
  void load_newobj() {
    Value arguments = pop_value();
    StackEntry cls = pop_entry();
    auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&arguments);
    if (tuple == nullptr || !(*tuple)->items.empty()) fail("NEWOBJ: arguments must be ()");
    if (!cls.class_name || *cls.class_name == "datetime") fail("NEWOBJ needs a registered class");
    auto object = std::make_shared<Object>();
    object->class_name = *cls.class_name;
    push(object);
  }

  /// object, {fields} -> the object with the fields set (like __dict__.update).
  void load_build() {
    Value state = pop_value();
    Object& object = top<Object>("BUILD");
    auto* fields = std::get_if<std::shared_ptr<Dict>>(&state);
    if (fields == nullptr) fail("BUILD: the fields must be a dict");
    for (const auto& [key, value] : (*fields)->items()) {
      auto* name = std::get_if<std::string>(&key);
      if (name == nullptr || !is_field_name(*name)) fail("BUILD: a field name must be a name");
      auto field = std::find_if(object.fields.begin(), object.fields.end(),
                                [&](const auto& f) { return f.first == *name; });
      if (field != object.fields.end())
        field->second = value;
      else
        object.fields.emplace_back(*name, value);
    }
  }

  /// datetime, (state,) -> the datetime. REDUCE calls a class; here only datetime.
  void load_reduce() {
    Value arguments = pop_value();
    StackEntry callable = pop_entry();
    if (callable.class_name != "datetime") fail("REDUCE: only datetime may be called");
    auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&arguments);
    if (tuple == nullptr || (*tuple)->items.size() != 1) fail("REDUCE: bad datetime arguments");
    auto* state = std::get_if<Bytes>(&(*tuple)->items[0]);
    std::optional<DateTime> when = state ? datetime_from_state(*state) : std::nullopt;
    if (!when) fail("REDUCE: not a valid datetime");
    push(*when);
  }

  void load_stop() {
    if (stack_.size() != 1 || !marks_.empty()) fail("STOP: the stack must hold one value");
    result_ = pop_value();
    stopped_ = true;
  }

  // ---- one opcode ---------------------------------------------------------------------

  void execute(std::uint8_t opcode) {
    switch (opcode) {
      case op::PROTO:
        if (input_.byte() > 4) fail("unsupported protocol");
        break;
      case op::FRAME:  // frames only help readers of files: check the length, go on
        if (input_.little_endian(8) > input_.left()) fail("FRAME longer than the data left");
        break;
      case op::STOP:
        load_stop();
        break;
      case op::NONE:
        push(None{});
        break;
      case op::NEWTRUE:
        push(true);
        break;
      case op::NEWFALSE:
        push(false);
        break;
      case op::BININT1:
        push(static_cast<std::int64_t>(input_.byte()));
        break;
      case op::BININT2:
        push(static_cast<std::int64_t>(input_.little_endian(2)));
        break;
      case op::BININT:  // signed: the 32-bit two's complement value
        push(static_cast<std::int64_t>(static_cast<std::int32_t>(input_.little_endian(4))));
        break;
      case op::LONG1:
        load_long1();
        break;
      case op::BINFLOAT:
        load_float();
        break;
      case op::SHORT_BINUNICODE:
        load_str(1);
        break;
      case op::BINUNICODE:
        load_str(4);
        break;
      case op::BINUNICODE8:
        load_str(8);
        break;
      case op::SHORT_BINBYTES:
        load_bytes(1);
        break;
      case op::BINBYTES:
        load_bytes(4);
        break;
      case op::BINBYTES8:
        load_bytes(8);
        break;
      case op::MARK:
        marks_.push_back(std::move(stack_));
        stack_.clear();
        break;
      case op::POP:
        pop_entry();
        break;
      case op::POP_MARK:
        pop_mark();
        break;
      case op::EMPTY_LIST:
        push(std::make_shared<List>());
        break;
      case op::EMPTY_TUPLE:
        push(std::make_shared<Tuple>());
        break;
      case op::EMPTY_DICT:
        push(std::make_shared<Dict>());
        break;
      case op::EMPTY_SET:
        push(std::make_shared<Set>());
        break;
      case op::APPEND: {
        Value item = pop_value();
        top<List>("APPEND").items.push_back(std::move(item));
        break;
      }
      case op::APPENDS: {
        std::vector<StackEntry> entries = pop_mark();
        List& list = top<List>("APPENDS");
        for (StackEntry& entry : entries)
          list.items.push_back(value_of(std::move(entry)));
        break;
      }
      case op::TUPLE1:
        load_small_tuple(1);
        break;
      case op::TUPLE2:
        load_small_tuple(2);
        break;
      case op::TUPLE3:
        load_small_tuple(3);
        break;
      case op::TUPLE:
        make_tuple(pop_mark());
        break;
      case op::SETITEM: {
        Value value = pop_value();
        Value key = pop_value();
        put_in_dict(top<Dict>("SETITEM"), std::move(key), std::move(value));
        break;
      }
      case op::SETITEMS:
        load_setitems();
        break;
      case op::ADDITEMS:
        load_additems();
        break;
      case op::MEMOIZE:
        memo_put(memo_.size());
        break;
      case op::BINPUT:
        memo_put(input_.byte());
        break;
      case op::LONG_BINPUT:
        memo_put(input_.little_endian(4));
        break;
      case op::BINGET:
        memo_get(input_.byte());
        break;
      case op::LONG_BINGET:
        memo_get(input_.little_endian(4));
        break;
      case op::STACK_GLOBAL:
        load_stack_global();
        break;
      case op::NEWOBJ:
        load_newobj();
        break;
      case op::BUILD:
        load_build();
        break;
      case op::REDUCE:
        load_reduce();
        break;
      default:
        fail("unknown or unsupported opcode 0x" + ipclab::to_hex(std::span(&opcode, 1)));
    }
  }

  Input input_;
  std::vector<StackEntry> stack_;
  std::vector<std::vector<StackEntry>> marks_;  ///< the stacks put aside by MARK
  std::map<std::uint64_t, StackEntry> memo_;    ///< a map: indexes may be sparse
  Value result_;
  bool stopped_ = false;
};

}  // namespace

Value loads(std::span<const std::uint8_t> data) {
  return Unpickler(data).run();
}

}  // namespace ipclab::pickle
