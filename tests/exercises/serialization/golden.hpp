#pragma once
// The golden vectors: what Python's own pickle.dumps(value, protocol=4)
// writes for a corpus of values, and CPython's hand-written test pickles, each
// with the value it decodes to. Generated once by `python3 pickle_peer.py
// golden > golden_vectors.inc`, so the tests never need Python to have them.

#include <string>
#include <string_view>
#include <vector>

#include "ipclab/bytes.hpp"

namespace serial {

struct Golden {
  /// exact: dumps() must write these bytes; decoded: dumps() must write bytes
  /// that decode to the value (sets: Python orders them by hash); loads_only:
  /// bytes loads() must read, which dumps() does not write (no frames, ...).
  enum class Kind { exact, decoded, loads_only };
  std::string name;
  Kind kind;
  std::string value;  ///< canonical notation (notation.hpp)
  ipclab::Bytes bytes;
};

const std::vector<Golden>& golden_vectors();

/// The vector called `name`; aborts the test (unresolved) if there is none.
const Golden& golden(std::string_view name);

/// The vectors whose name starts with one of `prefixes`.
std::vector<const Golden*> golden_with_prefix(const std::vector<std::string>& prefixes);

}  // namespace serial
