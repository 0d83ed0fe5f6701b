// e2e fixture: the model answer with one template error, on line 375: std::get<int> of a Value.
// Serialization, part 1: the pickler (model answer).
//
// dump() walks the value depth first and writes one opcode sequence per value,
// exactly as CPython's pickle module does with protocol 4:
//
//   PROTO 4 | FRAME n | ...opcodes of the value... STOP
//
// Three things are kept while walking:
//   - the output: the bytes already final (`out_`) and the frame being filled
//     (`frame_`): a frame's length is only known once it is complete;
//   - the memo: every object written gets the next memo index (MEMOIZE), and
//     a container met again is written as BINGET of its index instead of a
//     second copy -- this keeps shared references shared, and makes recursive
//     values finite;
//   - the path from the top value down to the value being written, so that an
//     error can say where the problem is.
#include <bit>
#include <map>

#include "notation.hpp"
#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

/// One step of the path: the index in a list/tuple, the key in a dict, or the
/// field of an object.
struct PathStep {
  enum class Kind { index, key, field } kind;
  std::size_t index = 0;
  const Value* key = nullptr;
  const std::string* field = nullptr;
};

class Pickler {
 public:
  /// The whole pickle of `value`.
  Bytes pickle(const Value& value) {
    out_.push_back(op::PROTO);  // PROTO is written before the first frame
    out_.push_back(4);
    write_value(value);
    frame_.push_back(op::STOP);  // STOP is the last byte of the last frame
    end_frame();
    return std::move(out_);
  }

 private:
  // ---- output and frames ----------------------------------------------------

  void write_byte(std::uint8_t byte) { frame_.push_back(byte); }

  /// `width` bytes of `value`, least significant first (little-endian).
  static void append_le(Bytes& to, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i)
      to.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }

  /// Moves the frame to the output, behind its header: FRAME + 8-byte length.
  /// A frame under 4 bytes is not worth a 9-byte header: it goes out bare.
  void end_frame() {
    if (frame_.size() >= kFrameSizeMin) {
      out_.push_back(op::FRAME);
      append_le(out_, frame_.size(), 8);
    }
    out_.insert(out_.end(), frame_.begin(), frame_.end());
    frame_.clear();
  }

  /// Called before each value (an opcode boundary): once the frame holds
  /// 64 KiB, it is complete and a new one starts.
  void start_value() {
    if (frame_.size() >= kFrameSizeTarget) end_frame();
  }

  // ---- the memo -------------------------------------------------------------

  /// MEMOIZE stores the top of the reader's stack at the next memo index.
  std::uint32_t memoize() {
    write_byte(op::MEMOIZE);
    return memo_count_++;
  }

  /// Pushes memo entry `index` again: BINGET for small indexes, LONG_BINGET beyond.
  void write_get(std::uint32_t index) {
    if (index <= 0xff) {
      write_byte(op::BINGET);
      write_byte(static_cast<std::uint8_t>(index));
    } else {
      write_byte(op::LONG_BINGET);
      append_le(frame_, index, 4);
    }
  }

  /// If `container` was written before, writes a BINGET of it and returns true.
  /// Otherwise checks the nesting limit before the caller writes it.
  bool written_before(const void* container) {
    auto found = memo_.find(container);
    if (found != memo_.end()) {
      write_get(found->second);
      return true;
    }
    if (path_.size() >= kMaxDepth) {  // path_ holds the containers around this one
      throw PicklingError("the value is nested deeper than " + std::to_string(kMaxDepth) +
                          " levels");
    }
    return false;
  }

  /// MEMOIZE, remembering which container got the index.
  void memoize_container(const void* container) { memo_[container] = memoize(); }

  // ---- the path, for error messages -----------------------------------------

  [[noreturn]] void fail(const std::string& problem) const {
    std::string where = "value";
    for (const PathStep& step : path_) {
      switch (step.kind) {
        case PathStep::Kind::index:
          where += "[" + std::to_string(step.index) + "]";
          break;
        case PathStep::Kind::key:
          where += "[" + repr(*step.key) + "]";  // repr writes 'tasks' like Python
          break;
        case PathStep::Kind::field:
          where += "." + *step.field;
          break;
      }
    }
    throw PicklingError(where + ": " + problem);
  }

  /// Writes `value` one step further down the path.
  void write_inside(const Value& value, PathStep step) {
    path_.push_back(step);
    write_value(value);
    path_.pop_back();
  }

  // ---- scalars --------------------------------------------------------------

  void write_int(std::int64_t n) {
    if (n >= 0 && n <= 0xff) {
      write_byte(op::BININT1);
      write_byte(static_cast<std::uint8_t>(n));
    } else if (n >= 0 && n <= 0xffff) {
      write_byte(op::BININT2);
      append_le(frame_, static_cast<std::uint64_t>(n), 2);
    } else if (n >= -2147483648LL && n <= 2147483647LL) {
      write_byte(op::BININT);  // 4 bytes, two's complement
      append_le(frame_, static_cast<std::uint64_t>(n), 4);
    } else {
      // LONG1: as few bytes as hold n in two's complement. Drop a top byte
      // while it only repeats the sign of the byte below it.
      auto bits = static_cast<std::uint64_t>(n);
      int size = 8;
      while (size > 1) {
        std::uint8_t top = bits >> (8 * (size - 1));
        bool below_negative = (bits >> (8 * (size - 2))) & 0x80;
        if (!(top == 0x00 && !below_negative) && !(top == 0xff && below_negative)) break;
        --size;
      }
      write_byte(op::LONG1);
      write_byte(static_cast<std::uint8_t>(size));
      append_le(frame_, bits, size);
    }
  }

  void write_float(double d) {
    write_byte(op::BINFLOAT);  // the 8 bytes of the double, most significant first
    auto bits = std::bit_cast<std::uint64_t>(d);
    for (int shift = 56; shift >= 0; shift -= 8)
      write_byte(static_cast<std::uint8_t>(bits >> shift));
  }

  /// str and bytes: a 1-byte length below 256, else a 4-byte length. A payload
  /// of 64 KiB or more does not go in a frame: the frame ends before it.
  void write_counted(std::uint8_t short_op, std::uint8_t long_op,
                     std::span<const std::uint8_t> data) {
    if (data.size() <= 0xff) {
      write_byte(short_op);
      write_byte(static_cast<std::uint8_t>(data.size()));
      frame_.insert(frame_.end(), data.begin(), data.end());
    } else if (data.size() < kFrameSizeTarget) {
      write_byte(long_op);
      append_le(frame_, data.size(), 4);
      frame_.insert(frame_.end(), data.begin(), data.end());
    } else {
      end_frame();
      out_.push_back(long_op);
      append_le(out_, data.size(), 4);
      out_.insert(out_.end(), data.begin(), data.end());
    }
    memoize();  // Python memoizes every str and bytes
  }

  void write_str(const std::string& text) {
    write_counted(op::SHORT_BINUNICODE, op::BINUNICODE,
                  {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  }

  /// Names (the module "__main__", class names, field names) are interned in
  /// Python: one str object, so the second time it is a BINGET.
  void write_name(const std::string& name) {
    start_value();
    auto found = names_.find(name);
    if (found != names_.end()) return write_get(found->second);
    write_str(name);
    names_[name] = memo_count_ - 1;
  }

  // ---- classes, objects, datetimes ------------------------------------------

  /// Pushes the class module.name: the two strings, then STACK_GLOBAL. A class
  /// is memoized like any object, so it is written once per pickle.
  void write_class(const std::string& module, const std::string& name) {
    start_value();
    const std::string key = module + "." + name;
    auto found = classes_.find(key);
    if (found != classes_.end()) return write_get(found->second);
    if (module == "__main__") {
      write_name(module);
      write_name(name);
    } else {  // datetime.datetime: two distinct str objects in Python
      start_value();
      write_str(module);
      start_value();
      write_str(name);
    }
    write_byte(op::STACK_GLOBAL);
    classes_[key] = memoize();
  }

  /// Point(x=1, y=2): class, (), NEWOBJ makes the empty object; then its
  /// fields as a dict, and BUILD puts them in (skipped when there are none).
  void write_object(const Object& object) {
    if (written_before(&object)) return;
    if (!is_registered_class(object.class_name)) {
      fail("class '" + object.class_name + "' is not registered, so it cannot be serialized");
    }
    write_class("__main__", object.class_name);
    start_value();
    write_byte(op::EMPTY_TUPLE);
    write_byte(op::NEWOBJ);
    memoize_container(&object);  // before the fields: a field may refer back to it
    if (object.fields.empty()) return;
    start_value();
    write_byte(op::EMPTY_DICT);
    memoize();
    write_pairs(object.fields.size(), [&](std::size_t i) {
      write_name(object.fields[i].first);
      write_inside(object.fields[i].second,
                   {PathStep::Kind::field, 0, nullptr, &object.fields[i].first});
    });
    write_byte(op::BUILD);
  }

  /// datetime: the class, then the call datetime(state) as REDUCE.
  void write_datetime(const DateTime& when) {
    write_class("datetime", "datetime");
    start_value();
    Bytes state = datetime_state(when);
    write_counted(op::SHORT_BINBYTES, op::BINBYTES, state);
    write_byte(op::TUPLE1);
    memoize();
    write_byte(op::REDUCE);
    memoize();
  }

  // ---- containers -------------------------------------------------------------

  /// MARK, up to kBatchSize items, then `batch_op`; again while items are left.
  /// Python's loops for dicts and sets stop only after a batch that was not
  /// full, so a multiple of 1000 items ends with an empty MARK + batch_op.
  template <class WriteItem>
  void write_batches(std::size_t count, std::uint8_t batch_op, bool stop_after_short_batch,
                     WriteItem write_item) {
    std::size_t next = 0;
    for (;;) {
      write_byte(op::MARK);
      std::size_t in_batch = 0;
      for (; in_batch < kBatchSize && next < count; ++in_batch)
        write_item(next++);
      write_byte(batch_op);
      bool finished = stop_after_short_batch ? in_batch < kBatchSize : next == count;
      if (finished) return;
    }
  }

  /// Key/value pairs of a dict (or an object's fields): one pair with
  /// SETITEM, more in batches with SETITEMS.
  template <class WritePair>
  void write_pairs(std::size_t count, WritePair write_pair) {
    if (count == 1) {
      write_pair(0);
      write_byte(op::SETITEM);
    } else if (count > 1) {
      write_batches(count, op::SETITEMS, true, write_pair);
    }
  }

  /// [a, b]: the empty list first (memoized, so items can refer back to it),
  /// then its items: one with APPEND, more in batches with APPENDS.
  void write_list(const List& list) {
    if (written_before(&list)) return;
    write_byte(op::EMPTY_LIST);
    memoize_container(&list);
    const auto& items = list.items;
    auto write_item = [&](std::size_t i) { write_inside(items[i], {PathStep::Kind::index, i}); };
    if (items.size() == 1) {
      write_item(0);
      write_byte(op::APPEND);
    } else if (items.size() > 1) {
      write_batches(items.size(), op::APPENDS, false, write_item);
    }
  }

  /// (a, b): the items first, then the tuple is made from them (TUPLE1..3, or
  /// MARK ... TUPLE) and memoized. If writing the items wrote this very tuple
  /// (it contains itself through a list), the reader already has it: throw
  /// the items away (POP, or POP_MARK) and fetch the tuple from the memo.
  void write_tuple(const Tuple& tuple) {
    const auto& items = tuple.items;
    if (items.empty()) return write_byte(op::EMPTY_TUPLE);  // never memoized
    if (written_before(&tuple)) return;
    const bool with_mark = items.size() > 3;
    if (with_mark) write_byte(op::MARK);
    for (std::size_t i = 0; i < items.size(); ++i)
      write_inside(items[i], {PathStep::Kind::index, i});
    auto found = memo_.find(&tuple);
    if (found != memo_.end()) {
      if (with_mark)
        write_byte(op::POP_MARK);
      else
        frame_.insert(frame_.end(), items.size(), op::POP);
      return write_get(found->second);
    }
    static constexpr std::uint8_t kSmallTuples[] = {0, op::TUPLE1, op::TUPLE2, op::TUPLE3};
    write_byte(with_mark ? op::TUPLE : kSmallTuples[items.size()]);
    memoize_container(&tuple);
  }

  void write_dict(const Dict& dict) {
    if (written_before(&dict)) return;
    write_byte(op::EMPTY_DICT);
    memoize_container(&dict);
    const auto& items = dict.items();
    write_pairs(items.size(), [&](std::size_t i) {
      write_inside(items[i].first, {PathStep::Kind::index, i});
      write_inside(items[i].second, {PathStep::Kind::key, 0, &items[i].first});
    });
  }

  /// {a, b}: the empty set, then always MARK ... ADDITEMS batches.
  void write_set(const Set& set) {
    if (written_before(&set)) return;
    write_byte(op::EMPTY_SET);
    memoize_container(&set);
    const auto& items = set.items();
    if (items.empty()) return;
    write_batches(items.size(), op::ADDITEMS, true, [&](std::size_t i) {
      write_inside(items[i], {PathStep::Kind::index, i});
    });
  }

  // ---- one value ------------------------------------------------------------------

  void write_value(const Value& value) {
    start_value();
    if (std::holds_alternative<None>(value)) {
      write_byte(op::NONE);
    } else if (auto* b = std::get_if<bool>(&value)) {
      write_byte(*b ? op::NEWTRUE : op::NEWFALSE);
    } else if (auto* n = std::get_if<std::int64_t>(&value)) {
      write_int(std::get<int>(value));
    } else if (auto* d = std::get_if<double>(&value)) {
      write_float(*d);
    } else if (auto* s = std::get_if<std::string>(&value)) {
      write_str(*s);
    } else if (auto* bytes = std::get_if<Bytes>(&value)) {
      write_counted(op::SHORT_BINBYTES, op::BINBYTES, *bytes);
    } else if (auto* when = std::get_if<DateTime>(&value)) {
      write_datetime(*when);
    } else if (auto* list = std::get_if<std::shared_ptr<List>>(&value)) {
      write_list(**list);
    } else if (auto* tuple = std::get_if<std::shared_ptr<Tuple>>(&value)) {
      write_tuple(**tuple);
    } else if (auto* dict = std::get_if<std::shared_ptr<Dict>>(&value)) {
      write_dict(**dict);
    } else if (auto* set = std::get_if<std::shared_ptr<Set>>(&value)) {
      write_set(**set);
    } else if (auto* object = std::get_if<std::shared_ptr<Object>>(&value)) {
      write_object(**object);
    } else {
      // Code, open files, sockets, threads and generators live only inside
      // this process: no bytes can carry them to another one.
      fail(describe(std::get<Unserializable>(value).kind) + " cannot be serialized");
    }
  }

  Bytes out_;    ///< final bytes: PROTO, completed frames, large payloads
  Bytes frame_;  ///< the frame being filled
  std::uint32_t memo_count_ = 0;
  std::map<const void*, std::uint32_t> memo_;  ///< container -> memo index
  std::map<std::string, std::uint32_t> names_;
  std::map<std::string, std::uint32_t> classes_;
  std::vector<PathStep> path_;
};

}  // namespace

void dump(const Value& value, Bytes& out) {
  // Pickle into a buffer of our own first: if the value turns out not to be
  // serializable, the exception leaves `out` untouched.
  Bytes pickled = Pickler().pickle(value);
  out.insert(out.end(), pickled.begin(), pickled.end());
}

Bytes dumps(const Value& value) {
  Bytes out;
  dump(value, out);
  return out;
}

}  // namespace ipclab::pickle
