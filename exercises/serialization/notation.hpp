#pragma once
// Provided: values as text, in a notation close to Python's, for the driver's
// commands and the tests. You never need it in your own code.
//
//   None  True  False  42  -1.5  nan  inf  1e+16
//   'text'  'caf\xe9'  'a\x20b'        str (a space is written \x20)
//   b'\x00ab'                         bytes
//   datetime(2024,5,1,12,30,0,0)      year, month, day, hour, minute, second, microsecond
//   [1,2]  (1,)  ()  {'k':1}  {1,2}  set()
//   Point(x=1,y=2)                    an object of a registered class
//   <function:callback>               an Unserializable: function, file, socket, thread, generator
//   &1=[1,*1]                         &1= names a container, *1 is that same container again:
//                                     here a list that contains itself
//   (&1=[],*1)                        a tuple holding the same list twice
//
// repr() writes no spaces, so a value is one word on the driver's command line.
// Sets are written in a canonical order (sorted by their items' text), and
// labels are numbered in the order they are first written, so two values with
// the same contents and the same sharing have the same text.

#include <stdexcept>
#include <string>
#include <string_view>

#include "value.hpp"

namespace ipclab::pickle {

/// Values nested deeper than this cannot be written or read as text.
inline constexpr std::size_t kMaxNotationDepth = 5000;

/// The text of `value` does not parse (the message says where and why).
class NotationError : public std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// The canonical text of `value`. Throws NotationError when it is nested
/// deeper than kMaxNotationDepth.
std::string repr(const Value& value);

/// The value `text` describes (spaces between tokens are ignored). Throws
/// NotationError.
Value parse_value(std::string_view text);

}  // namespace ipclab::pickle
