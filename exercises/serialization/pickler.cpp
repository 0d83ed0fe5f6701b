// Serialization, part 1: the pickler. Your file: replace every
// `throw NotImplemented(...)` with an implementation. The contracts are in
// pickle.hpp; README.md walks through the format, opcode by opcode.
//
// A suggested shape (you may organise it differently): a Pickler object that
// walks the value depth first and keeps
//   - the output: out_ (bytes already final) and frame_ (the frame being
//     filled: its length is only known once it is complete);
//   - the memo: which containers were written already, and at which index;
//   - the path from the top value to the current one, for error messages.
#include <bit>
#include <map>

#include "ipclab/errors.hpp"
#include "notation.hpp"
#include "pickle.hpp"

namespace ipclab::pickle {
namespace {

class Pickler {
 public:
  /// The whole pickle of `value`: PROTO 4, the value's opcodes, STOP, in frames.
  Bytes pickle(const Value& value) {
    // TODO:
    //  1. out_ = {op::PROTO, 4}  (PROTO goes before the first frame);
    //  2. write_value(value);
    //  3. append op::STOP to frame_, then end_frame().
    (void)value;
    throw NotImplemented("Pickler::pickle");
  }

 private:
  /// Moves frame_ to out_: FRAME + the 8-byte little-endian length + the
  /// frame, or the frame alone when it is shorter than kFrameSizeMin.
  void end_frame() {
    // TODO
    throw NotImplemented("Pickler::end_frame");
  }

  /// Writes one value. First, if frame_ holds kFrameSizeTarget bytes or more,
  /// end_frame(). Then one case per kind of value (std::get_if, std::visit...):
  /// None, bool, int, float, str, bytes, datetime, list, tuple, dict, set,
  /// object, and Unserializable -> throw PicklingError("<path>: a function
  /// cannot be serialized") using describe(kind).
  void write_value(const Value& value) {
    // TODO
    (void)value;
    throw NotImplemented("Pickler::write_value");
  }

  Bytes out_;
  Bytes frame_;
  std::uint32_t memo_count_ = 0;               ///< the index the next MEMOIZE gets
  std::map<const void*, std::uint32_t> memo_;  ///< container (its .get()) -> memo index
};

}  // namespace

void dump(const Value& value, Bytes& out) {
  // TODO: pickle into a buffer of your own, and append it to `out` only at the
  // end: when PicklingError is thrown, `out` must be left exactly as it was.
  (void)value;
  (void)out;
  throw NotImplemented("dump");
}

Bytes dumps(const Value& value) {
  // TODO: dump() into an empty buffer and return it.
  (void)value;
  throw NotImplemented("dumps");
}

}  // namespace ipclab::pickle
