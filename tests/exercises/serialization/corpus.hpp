#pragma once
// Malformed inputs for loads(): a curated list with the reason each must be
// refused, and generated ones for the robustness and fuzz tests (every strict
// prefix of the golden vectors, byte flips, oversize lengths, mutations).

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ipclab/bytes.hpp"

namespace serial {

using ipclab::Bytes;

struct Curated {
  std::string why;  ///< what is wrong with it, for the message
  Bytes data;
  std::optional<std::string> value;  ///< set for the few that are valid after all
};

/// Inputs loads() must refuse with UnpicklingError (or, with `value`, read).
std::vector<Curated> curated_inputs();

/// A generated input and where it came from, for messages.
struct Case {
  std::string origin;  ///< "the first 12 bytes of golden vector 'nested'"
  Bytes data;
};

/// Every strict prefix of the golden vectors (spread out for long ones), byte
/// flips, oversize length fields, and CPython's own bad pickles.
std::vector<Case> robustness_corpus();

/// A random corruption of a golden vector, or a random opcode program.
Case random_case(std::mt19937_64& rng);

}  // namespace serial
