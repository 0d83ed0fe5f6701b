// Random values in the notation, for round trips and the Python checks.
#include <cstdio>
#include <set>

#include "serial.hpp"

namespace serial {
namespace {

class Generator {
 public:
  explicit Generator(std::mt19937_64& rng) : rng_(rng) {}

  std::string value(int depth) {
    if (depth > 4 || chance(35)) return scalar();
    switch (pick(8)) {
      case 0:
        return list(depth);
      case 1:
        return tuple(depth);
      case 2:
        return dict(depth);
      case 3:
        return set();
      case 4:
        return object(depth);
      case 5:
        if (!closed_.empty()) return "*" + std::to_string(closed_[pick(closed_.size())]);
        return list(depth);
      case 6:
        if (!open_.empty() && mutable_slot_) return "*" + std::to_string(open_[pick(open_.size())]);
        return dict(depth);
      default:
        return recursive_tuple(depth);
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }

  std::string integer() {
    static const long long kEdges[] = {0,
                                       1,
                                       255,
                                       256,
                                       65535,
                                       65536,
                                       -1,
                                       -256,
                                       2147483647,
                                       -2147483648LL,
                                       2147483648LL,
                                       -2147483649LL,
                                       1LL << 40,
                                       -(1LL << 40),
                                       9223372036854775807LL,
                                       -9223372036854775807LL - 1};
    if (chance(60)) return std::to_string(kEdges[pick(std::size(kEdges))]);
    return std::to_string(static_cast<long long>(rng_()) >> pick(64));
  }

  std::string floating() {
    static const char* kEdges[] = {"0.0",    "-0.0", "1.5",  "-2.25", "0.1",   "1e+300",
                                   "5e-324", "inf",  "-inf", "nan",   "1e+16", "123456.789"};
    if (chance(50)) return kEdges[pick(std::size(kEdges))];
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g",
                  std::uniform_real_distribution<double>(-1e6, 1e6)(rng_));
    std::string text = buffer;
    return text.find_first_of(".e") == std::string::npos ? text + ".0" : text;
  }

  std::string characters(bool bytes) {
    static const std::size_t kSizes[] = {0, 1, 2, 5, 30, 255, 256, 300, 70000};
    std::size_t size = kSizes[pick(chance(97) ? 8 : 9)];
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
      char buffer[16];
      unsigned code = static_cast<unsigned>(pick(bytes ? 256 : 40));
      if (!bytes && code >= 36) {
        static const unsigned kWide[] = {0xe9, 0x20ac, 0x1f600, 0x3b1};
        code = kWide[code - 36];
      } else if (!bytes) {
        code = "abcdefghijklmnopqrstuvwxyz0123456789"[code];
      }
      std::snprintf(buffer, sizeof buffer,
                    code < 0x100     ? "\\x%02x"
                    : code < 0x10000 ? "\\u%04x"
                                     : "\\U%08x",
                    code);
      text += buffer;
    }
    return (bytes ? "b'" : "'") + text + "'";
  }

  std::string scalar() {
    switch (pick(9)) {
      case 0:
        return "None";
      case 1:
        return chance(50) ? "True" : "False";
      case 2:
      case 3:
        return integer();
      case 4:
        return floating();
      case 5:
        return characters(false);
      case 6:
        return characters(true);
      case 7: {
        char buffer[80];
        std::snprintf(buffer, sizeof buffer, "datetime(%d,%d,%d,%d,%d,%d,%d)",
                      1 + static_cast<int>(pick(9999)), 1 + static_cast<int>(pick(12)),
                      1 + static_cast<int>(pick(28)), static_cast<int>(pick(24)),
                      static_cast<int>(pick(60)), static_cast<int>(pick(60)),
                      static_cast<int>(pick(1000000)));
        return buffer;
      }
      default:
        return "'k" + std::to_string(pick(1000)) + "'";
    }
  }

  /// A hashable key: str, int or a tuple of them (no floats or bools: Python
  /// would merge 1, 1.0 and True, and keep two NaN keys).
  std::string key() {
    if (chance(15)) return "(" + integer() + ",'t" + std::to_string(pick(50)) + "')";
    return chance(50) ? integer() : "'key" + std::to_string(pick(10000)) + "'";
  }

  std::string items(int depth, std::size_t count, bool in_mutable) {
    std::string text;
    bool saved = mutable_slot_;
    for (std::size_t i = 0; i < count; ++i) {
      mutable_slot_ = in_mutable;
      text += (i ? "," : "") + (count > 10 ? scalar() : value(depth + 1));  // big ones stay flat
    }
    mutable_slot_ = saved;
    return text;
  }

  std::size_t count() {
    if (chance(3)) return 999 + pick(3);
    return pick(6);
  }

  /// "&N=" when this container will be labelled.
  std::string label(int* number, bool open) {
    if (!chance(25)) return "";
    *number = next_label_++;
    if (open) open_.push_back(*number);
    return "&" + std::to_string(*number) + "=";
  }

  void close(int number, bool was_open) {
    if (number == 0) return;
    if (was_open) open_.pop_back();
    closed_.push_back(number);
  }

  std::string list(int depth) {
    int number = 0;
    std::string text = label(&number, true) + "[" + items(depth, count(), true) + "]";
    close(number, true);
    return text;
  }

  std::string tuple(int depth) {
    std::size_t n = pick(6);
    int number = 0;
    std::string labelled = n > 0 ? label(&number, false) : "";  // () has no identity
    std::string text = labelled + "(" + items(depth, n, false) + (n == 1 ? ",)" : ")");
    close(number, false);
    return text;
  }

  /// A tuple that holds itself through a list: ([*N],) and friends.
  std::string recursive_tuple(int depth) {
    int number = next_label_++;
    std::string text = "&" + std::to_string(number) + "=([*" + std::to_string(number) + "]";
    std::size_t extra = pick(5);
    text += (extra ? "," + items(depth, extra, false) : ",") + ")";
    closed_.push_back(number);
    return text;
  }

  std::string dict(int depth) {
    int number = 0;
    std::string text = label(&number, true) + "{";
    std::set<std::string> keys;
    std::size_t n = count();
    for (std::size_t i = 0; i < n; ++i) {
      std::string k = key();
      if (!keys.insert(k).second) continue;
      bool saved = mutable_slot_;
      mutable_slot_ = true;
      text += (keys.size() > 1 ? "," : "") + k + ":" + (n > 10 ? scalar() : value(depth + 1));
      mutable_slot_ = saved;
    }
    close(number, true);
    return text + "}";
  }

  std::string set() {
    std::set<std::string> members;
    std::size_t n = pick(5);
    for (std::size_t i = 0; i < n; ++i)
      members.insert(key());
    if (members.empty()) return "set()";
    std::string text = "{";
    for (const std::string& m : members)
      text += (text.size() > 1 ? "," : "") + m;
    return text + "}";
  }

  std::string object(int depth) {
    static const char* kClasses[] = {"Point", "Task", "Job", "Worker", "Node", "Empty"};
    static const char* kFields[] = {"alpha", "beta", "gamma", "delta"};
    int number = 0;
    std::string text = label(&number, true) + kClasses[pick(6)] + "(";
    std::size_t n = pick(5);
    for (std::size_t i = 0; i < n; ++i)
      text += std::string(i ? "," : "") + kFields[i] + "=" + items(depth, 1, true);
    close(number, true);
    return text + ")";
  }

  std::mt19937_64& rng_;
  int next_label_ = 1;
  std::vector<int> open_;    ///< labels of mutable containers being written
  std::vector<int> closed_;  ///< labels of finished containers
  bool mutable_slot_ = false;
};

}  // namespace

std::string random_value(std::mt19937_64& rng) {
  return Generator(rng).value(0);
}

}  // namespace serial
