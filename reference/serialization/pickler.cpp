// Reference pickler: byte for byte what CPython's _pickle writes with protocol 4.
#include <bit>
#include <unordered_map>

#include "notation.hpp"
#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

/// One step of the path to the value being written: an index, a dict key or a field.
struct Step {
  std::size_t index = 0;
  const Value* key = nullptr;
  const std::string* field = nullptr;
};

class Pickler {
 public:
  Bytes run(const Value& value) {
    out_ = {op::PROTO, 4};
    save(value);
    frame_.push_back(op::STOP);
    commit();
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::string path = "value";
    for (const Step& step : path_) {
      if (step.key)
        path += "[" + repr(*step.key) + "]";
      else if (step.field)
        path += "." + *step.field;
      else
        path += "[" + std::to_string(step.index) + "]";
    }
    throw PicklingError(path + ": " + what);
  }

  void put(std::uint8_t byte) { frame_.push_back(byte); }
  void put_le(std::uint64_t n, int width) {
    for (int i = 0; i < width; ++i)
      frame_.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  }

  void commit() {
    if (frame_.size() >= kFrameSizeMin) {
      out_.push_back(op::FRAME);
      for (int i = 0; i < 8; ++i)
        out_.push_back(static_cast<std::uint8_t>(frame_.size() >> (8 * i)));
    }
    out_.insert(out_.end(), frame_.begin(), frame_.end());
    frame_.clear();
  }

  /// Every save starts at an opcode boundary: close a full frame there.
  void boundary() {
    if (frame_.size() >= kFrameSizeTarget) commit();
  }

  void memoize() {
    put(op::MEMOIZE);
    ++memo_size_;
  }

  void get(std::uint32_t index) {
    if (index < 256) {
      put(op::BINGET);
      put(static_cast<std::uint8_t>(index));
    } else {
      put(op::LONG_BINGET);
      put_le(index, 4);
    }
  }

  void counted(std::uint8_t short_op, std::uint8_t long_op, const std::uint8_t* data,
               std::size_t size) {
    if (size < 256) {
      put(short_op);
      put(static_cast<std::uint8_t>(size));
      frame_.insert(frame_.end(), data, data + size);
    } else if (size >= kFrameSizeTarget) {
      commit();  // large payloads go outside frames
      out_.push_back(long_op);
      for (int i = 0; i < 4; ++i)
        out_.push_back(static_cast<std::uint8_t>(size >> (8 * i)));
      out_.insert(out_.end(), data, data + size);
    } else {
      put(long_op);
      put_le(size, 4);
      frame_.insert(frame_.end(), data, data + size);
    }
    memoize();
  }

  void save_str(const std::string& s) {
    counted(op::SHORT_BINUNICODE, op::BINUNICODE, reinterpret_cast<const std::uint8_t*>(s.data()),
            s.size());
  }

  /// Module, class and field names: interned, so written once per pickle.
  void save_name(const std::string& name) {
    boundary();
    if (auto it = names_.find(name); it != names_.end()) return get(it->second);
    save_str(name);
    names_[name] = memo_size_ - 1;
  }

  void save_global(const std::string& module, const std::string& name) {
    boundary();
    std::string key = module + "." + name;
    if (auto it = classes_.find(key); it != classes_.end()) return get(it->second);
    if (module == "__main__") {
      save_name(module);
      save_name(name);
    } else {
      boundary();
      save_str(module);
      boundary();
      save_str(name);
    }
    put(op::STACK_GLOBAL);
    memoize();
    classes_[key] = memo_size_ - 1;
  }

  void save_int(std::int64_t n) {
    if (n >= 0 && n <= 0xff) {
      put(op::BININT1);
      put(static_cast<std::uint8_t>(n));
    } else if (n >= 0 && n <= 0xffff) {
      put(op::BININT2);
      put_le(static_cast<std::uint64_t>(n), 2);
    } else if (n >= INT32_MIN && n <= INT32_MAX) {
      put(op::BININT);
      put_le(static_cast<std::uint64_t>(n), 4);
    } else {
      int width = 8;
      while (width > 1) {
        auto top = static_cast<std::uint8_t>(static_cast<std::uint64_t>(n) >> (8 * (width - 1)));
        auto next = static_cast<std::uint8_t>(static_cast<std::uint64_t>(n) >> (8 * (width - 2)));
        bool redundant = (top == 0 && !(next & 0x80)) || (top == 0xff && (next & 0x80));
        if (!redundant) break;
        --width;
      }
      put(op::LONG1);
      put(static_cast<std::uint8_t>(width));
      put_le(static_cast<std::uint64_t>(n), width);
    }
  }

  /// Writes `items` as MARK ... `op` groups of at most kBatchSize; with
  /// `extra_empty`, a count that is a multiple of the batch gets one more empty
  /// group (CPython's dict and set loops do that).
  template <class F>
  void batches(std::size_t count, std::uint8_t batch_op, bool extra_empty, F save_one) {
    std::size_t done = 0;
    do {
      put(op::MARK);
      std::size_t in_batch = 0;
      while (done < count && in_batch < kBatchSize) {
        save_one(done++);
        ++in_batch;
      }
      put(batch_op);
      if (!extra_empty && done == count) break;
      if (extra_empty && in_batch < kBatchSize) break;
    } while (true);
  }

  /// Enters a container: true if it was written before (then it was fetched).
  bool seen(const void* id) {
    if (auto it = memo_.find(id); it != memo_.end()) {
      get(it->second);
      return true;
    }
    if (path_.size() >= kMaxDepth) {
      throw PicklingError("value is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    return false;
  }

  void remember(const void* id) {
    memoize();
    memo_[id] = memo_size_ - 1;
  }

  void save_list(const List& list) {
    if (seen(&list)) return;
    put(op::EMPTY_LIST);
    remember(&list);
    const auto& items = list.items;
    if (items.size() == 1) {
      save_at(items[0], {0});
      put(op::APPEND);
    } else if (!items.empty()) {
      batches(items.size(), op::APPENDS, false, [&](std::size_t i) { save_at(items[i], {i}); });
    }
  }

  void save_tuple(const Tuple& tuple) {
    const auto& items = tuple.items;
    if (items.empty()) return put(op::EMPTY_TUPLE);
    if (seen(&tuple)) return;
    if (items.size() > 3) put(op::MARK);
    for (std::size_t i = 0; i < items.size(); ++i)
      save_at(items[i], {i});
    if (auto it = memo_.find(&tuple); it != memo_.end()) {  // recursive: drop the copy
      if (items.size() > 3)
        put(op::POP_MARK);
      else
        frame_.insert(frame_.end(), items.size(), op::POP);
      return get(it->second);
    }
    static constexpr std::uint8_t kOps[] = {0, op::TUPLE1, op::TUPLE2, op::TUPLE3};
    put(items.size() > 3 ? op::TUPLE : kOps[items.size()]);
    remember(&tuple);
  }

  void save_pairs(const std::vector<std::pair<Value, Value>>& items) {
    auto save_pair = [&](std::size_t i) {
      save_at(items[i].first, {i});
      save_at(items[i].second, {0, &items[i].first});
    };
    if (items.size() == 1) {
      save_pair(0);
      put(op::SETITEM);
    } else if (!items.empty()) {
      batches(items.size(), op::SETITEMS, true, save_pair);
    }
  }

  void save_dict(const Dict& dict) {
    if (seen(&dict)) return;
    put(op::EMPTY_DICT);
    remember(&dict);
    save_pairs(dict.items());
  }

  void save_set(const Set& set) {
    if (seen(&set)) return;
    put(op::EMPTY_SET);
    remember(&set);
    const auto& items = set.items();
    if (!items.empty()) {
      batches(items.size(), op::ADDITEMS, true, [&](std::size_t i) { save_at(items[i], {i}); });
    }
  }

  void save_object(const Object& object) {
    if (seen(&object)) return;
    if (!is_registered_class(object.class_name)) {
      fail("class '" + object.class_name + "' is not registered, so it cannot be serialized");
    }
    save_global("__main__", object.class_name);
    boundary();
    put(op::EMPTY_TUPLE);
    put(op::NEWOBJ);
    remember(&object);
    const auto& fields = object.fields;
    if (fields.empty()) return;
    boundary();
    put(op::EMPTY_DICT);
    memoize();
    auto save_field = [&](std::size_t i) {
      save_name(fields[i].first);
      save_at(fields[i].second, {0, nullptr, &fields[i].first});
    };
    if (fields.size() == 1) {
      save_field(0);
      put(op::SETITEM);
    } else {
      batches(fields.size(), op::SETITEMS, true, save_field);
    }
    put(op::BUILD);
  }

  void save_datetime(const DateTime& when) {
    save_global("datetime", "datetime");
    boundary();
    Bytes state = datetime_state(when);
    counted(op::SHORT_BINBYTES, op::BINBYTES, state.data(), state.size());
    put(op::TUPLE1);
    memoize();
    put(op::REDUCE);
    memoize();
  }

  void save_at(const Value& value, Step step) {
    path_.push_back(step);
    save(value);
    path_.pop_back();
  }

  void save(const Value& value) {
    boundary();
    std::visit(
        Overloaded{
            [&](const None&) { put(op::NONE); },
            [&](bool b) { put(b ? op::NEWTRUE : op::NEWFALSE); },
            [&](std::int64_t n) { save_int(n); },
            [&](double d) {
              put(op::BINFLOAT);
              auto bits = std::bit_cast<std::uint64_t>(d);
              for (int i = 7; i >= 0; --i)
                put(static_cast<std::uint8_t>(bits >> (8 * i)));
            },
            [&](const std::string& s) { save_str(s); },
            [&](const Bytes& b) { counted(op::SHORT_BINBYTES, op::BINBYTES, b.data(), b.size()); },
            [&](const DateTime& t) { save_datetime(t); },
            [&](const std::shared_ptr<List>& l) { save_list(*l); },
            [&](const std::shared_ptr<Tuple>& t) { save_tuple(*t); },
            [&](const std::shared_ptr<Dict>& d) { save_dict(*d); },
            [&](const std::shared_ptr<Set>& s) { save_set(*s); },
            [&](const std::shared_ptr<Object>& o) { save_object(*o); },
            [&](const Unserializable& u) { fail(describe(u.kind) + " cannot be serialized"); },
        },
        value);
  }

  Bytes out_;
  Bytes frame_;
  std::uint32_t memo_size_ = 0;
  std::unordered_map<const void*, std::uint32_t> memo_;
  std::unordered_map<std::string, std::uint32_t> names_;
  std::unordered_map<std::string, std::uint32_t> classes_;
  std::vector<Step> path_;
};

}  // namespace

void dump(const Value& value, Bytes& out) {
  Bytes data = Pickler().run(value);
  out.insert(out.end(), data.begin(), data.end());
}

Bytes dumps(const Value& value) {
  return Pickler().run(value);
}

}  // namespace ipclab::pickle
