// Serialization, part 2: the unpickler. Your file: replace every
// `throw NotImplemented(...)` with an implementation. The contracts are in
// pickle.hpp; README.md walks through the format, opcode by opcode.
//
// A pickle is a small program for a stack machine: each opcode pushes a
// value, or takes values from the top of the stack and pushes what it builds.
// STOP ends it; the one value left on the stack is the result.
//
// The input may be cut short, corrupted, or written on purpose to crash you:
// check everything before you use it, and throw UnpicklingError.
#include <bit>
#include <map>
#include <optional>

#include "ipclab/errors.hpp"
#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

/// The input, read front to back. Every read must check that the bytes are
/// there -- BEFORE copying or allocating anything: a corrupt length field may
/// claim terabytes.
class Input {
 public:
  explicit Input(std::span<const std::uint8_t> data) : data_(data) {}

  /// The next `count` bytes; UnpicklingError if fewer are left.
  std::span<const std::uint8_t> bytes(std::uint64_t count) {
    // TODO
    (void)count;
    throw NotImplemented("Input::bytes");
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t position_ = 0;
};

/// What the stack holds: a value, or a class pushed by STACK_GLOBAL (a class
/// is not a value: only NEWOBJ and REDUCE may use one).
struct StackEntry {
  Value value;
  std::optional<std::string> class_name;  ///< "datetime", or a registered class
};

class Unpickler {
 public:
  explicit Unpickler(std::span<const std::uint8_t> data) : input_(data) {}

  /// Runs the opcodes until STOP, then checks that no byte is left and that
  /// the value is not nested deeper than kMaxDepth (nesting_depth()).
  Value run() {
    // TODO: read one opcode byte at a time and execute it, until STOP.
    throw NotImplemented("Unpickler::run");
  }

 private:
  Input input_;
  std::vector<StackEntry> stack_;
  std::vector<std::vector<StackEntry>> marks_;  ///< MARK puts the stack aside here
  std::map<std::uint64_t, StackEntry> memo_;    ///< memo index -> entry (may be sparse)
};

}  // namespace

Value loads(std::span<const std::uint8_t> data) {
  // TODO: return Unpickler(data).run();
  (void)data;
  throw NotImplemented("loads");
}

}  // namespace ipclab::pickle
