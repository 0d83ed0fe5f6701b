#pragma once
// Reading pickles in the harness: a disassembler (like Python's pickletools),
// so that a failure can show the opcodes that differ, explain the usual
// mistakes, and check the frames of what dumps() wrote.

#include <cstdint>
#include <string>
#include <vector>

#include "ipclab/bytes.hpp"

namespace serial {

using ipclab::Bytes;

/// One opcode with its argument.
struct Op {
  std::size_t position = 0;
  std::size_t length = 0;  ///< the opcode byte and its argument bytes
  std::uint8_t code = 0;
  std::string name;      ///< "SHORT_BINUNICODE"; "?" for an unknown opcode; "<cut>" if truncated
  std::string argument;  ///< "'ab'", "29", ... ("" when none)
  std::uint64_t number = 0;  ///< a numeric argument: a length, a memo index
};

/// The opcodes of `data` up to STOP; stops early at an unknown opcode or at a
/// truncated argument (the last Op then says so).
std::vector<Op> disassemble(const Bytes& data);

/// "MARK BININT1 1 SHORT_BINUNICODE 'ab'" for ops [first, last).
std::string listing(const std::vector<Op>& ops, std::size_t first, std::size_t last);

/// Python-style literal of `data`, shortened after `max` bytes: b'\x80\x04N.'
std::string show(const Bytes& data, std::size_t max = 48);

/// Why `got` (written by the student's dumps()) is not `want` (what Python
/// writes): where they first differ, both sides' opcodes there, and a hint for
/// the usual mistakes. "" when they are equal.
std::string explain_difference(const Bytes& got, const Bytes& want);

/// What is wrong with the frames of `data`: a FRAME whose length does not end
/// at an opcode boundary, a frame that should have been closed, a large str or
/// bytes inside a frame, a frame too small for its header... Empty when fine.
std::vector<std::string> frame_problems(const Bytes& data);

}  // namespace serial
