#pragma once
// Serialization: turn a Value into bytes and back, like Python's
//
//   data = pickle.dumps(obj, protocol=4)     # dumps(): Value -> bytes
//   obj = pickle.loads(data)                 # loads(): bytes -> Value
//
// The bytes are real pickle protocol 4 (a subset of it), so Python can read
// what your dumps() writes, and your loads() can read what Python writes.
// README.md explains the format; value.hpp describes the values.
//
// You implement dump(), dumps() (pickler.cpp) and loads() (unpickler.cpp).
// Do not change this header.

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>

#include "value.hpp"

namespace ipclab::pickle {

/// Python's pickle.PicklingError: the value cannot be written. The message
/// names the path to the offending element:
///   "value['tasks'][1]['callback']: a function cannot be serialized"
class PicklingError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Python's pickle.UnpicklingError: the bytes are not a pickle loads() accepts
/// (truncated, corrupt, unsupported, or describing a value it must refuse).
class UnpicklingError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The deepest nesting dumps() writes and loads() returns (see nesting_depth()).
inline constexpr std::size_t kMaxDepth = 1000;

/// A frame is closed once it holds at least this many bytes; str and bytes
/// payloads at least this long are written outside frames.
inline constexpr std::size_t kFrameSizeTarget = 64 * 1024;

/// A frame smaller than this is written without its FRAME header.
inline constexpr std::size_t kFrameSizeMin = 4;

/// At most this many items go between one MARK and its APPENDS/SETITEMS/ADDITEMS.
inline constexpr std::size_t kBatchSize = 1000;

/// The opcodes of the subset, with the bytes that follow each one.
namespace op {
inline constexpr std::uint8_t PROTO = 0x80;             // + 1 byte: the protocol (4)
inline constexpr std::uint8_t FRAME = 0x95;             // + 8 bytes LE: the frame's length
inline constexpr std::uint8_t STOP = '.';               // the end: return the top of the stack
inline constexpr std::uint8_t NONE = 'N';               // push None
inline constexpr std::uint8_t NEWTRUE = 0x88;           // push True
inline constexpr std::uint8_t NEWFALSE = 0x89;          // push False
inline constexpr std::uint8_t BININT1 = 'K';            // + 1 byte: 0..255
inline constexpr std::uint8_t BININT2 = 'M';            // + 2 bytes LE: 0..65535
inline constexpr std::uint8_t BININT = 'J';             // + 4 bytes LE, signed
inline constexpr std::uint8_t LONG1 = 0x8a;             // + 1 byte n, + n bytes LE two's complement
inline constexpr std::uint8_t BINFLOAT = 'G';           // + 8 bytes: IEEE 754 double, BIG-endian
inline constexpr std::uint8_t SHORT_BINUNICODE = 0x8c;  // + 1 byte n, + n bytes UTF-8
inline constexpr std::uint8_t BINUNICODE = 'X';         // + 4 bytes LE n, + n bytes UTF-8
inline constexpr std::uint8_t BINUNICODE8 = 0x8d;       // + 8 bytes LE n, + n bytes UTF-8
inline constexpr std::uint8_t SHORT_BINBYTES = 'C';     // + 1 byte n, + n bytes
inline constexpr std::uint8_t BINBYTES = 'B';           // + 4 bytes LE n, + n bytes
inline constexpr std::uint8_t BINBYTES8 = 0x8e;         // + 8 bytes LE n, + n bytes
inline constexpr std::uint8_t MARK = '(';               // remember the stack here
inline constexpr std::uint8_t POP = '0';                // discard the top of the stack
inline constexpr std::uint8_t POP_MARK = '1';           // discard everything since the MARK
inline constexpr std::uint8_t EMPTY_LIST = ']';         // push []
inline constexpr std::uint8_t APPEND = 'a';             // list, x -> list (x appended)
inline constexpr std::uint8_t APPENDS = 'e';            // list, MARK, x... -> list
inline constexpr std::uint8_t EMPTY_TUPLE = ')';        // push ()
inline constexpr std::uint8_t TUPLE1 = 0x85;            // a -> (a,)
inline constexpr std::uint8_t TUPLE2 = 0x86;            // a, b -> (a, b)
inline constexpr std::uint8_t TUPLE3 = 0x87;            // a, b, c -> (a, b, c)
inline constexpr std::uint8_t TUPLE = 't';              // MARK, x... -> (x, ...)
inline constexpr std::uint8_t EMPTY_DICT = '}';         // push {}
inline constexpr std::uint8_t SETITEM = 's';            // dict, k, v -> dict
inline constexpr std::uint8_t SETITEMS = 'u';           // dict, MARK, k, v, ... -> dict
inline constexpr std::uint8_t EMPTY_SET = 0x8f;         // push set()
inline constexpr std::uint8_t ADDITEMS = 0x90;          // set, MARK, x... -> set
inline constexpr std::uint8_t MEMOIZE = 0x94;           // memo[len(memo)] = top of the stack
inline constexpr std::uint8_t BINPUT = 'q';             // + 1 byte i: memo[i] = top
inline constexpr std::uint8_t LONG_BINPUT = 'r';        // + 4 bytes LE i: memo[i] = top
inline constexpr std::uint8_t BINGET = 'h';             // + 1 byte i: push memo[i]
inline constexpr std::uint8_t LONG_BINGET = 'j';        // + 4 bytes LE i: push memo[i]
inline constexpr std::uint8_t STACK_GLOBAL = 0x93;      // module, name -> the class module.name
inline constexpr std::uint8_t NEWOBJ = 0x81;            // class, () -> a new object of class
inline constexpr std::uint8_t BUILD = 'b';              // object, {fields} -> object
inline constexpr std::uint8_t REDUCE = 'R';             // datetime class, (state,) -> datetime
}  // namespace op

// ---- you implement these (pickler.cpp) ---------------------------------------

/// Appends the pickle of `value` to `out`: what Python's
/// pickle.dump(value, file, protocol=4) writes. Throws PicklingError naming
/// the path to the offending element when the value contains an
/// Unserializable, an object of an unregistered class, or is nested deeper
/// than kMaxDepth -- and then leaves `out` exactly as it was.
void dump(const Value& value, Bytes& out);

/// The pickle of `value`: Python's pickle.dumps(value, protocol=4).
/// Throws PicklingError like dump().
Bytes dumps(const Value& value);

// ---- you implement this (unpickler.cpp) --------------------------------------

/// The value the pickle in `data` describes: Python's pickle.loads(data).
/// Accepts framed and unframed input. Throws UnpicklingError when `data` is
/// not exactly one valid pickle of the subset: truncated, an unknown opcode,
/// a length longer than the data left, stack or MARK underflow, a missing memo
/// key, bytes after STOP, a value nested deeper than kMaxDepth, ... Never
/// crashes, never hangs, and never allocates more than the input can fill.
Value loads(std::span<const std::uint8_t> data);

}  // namespace ipclab::pickle
