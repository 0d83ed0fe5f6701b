#include "opcodes.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "harness/words.hpp"

namespace serial {
namespace {

enum class Arg {
  none,
  u1,
  u2,
  i4,
  u4,
  u8,
  long1,
  float8,
  str1,
  str4,
  str8,
  bytes1,
  bytes4,
  bytes8
};

struct Info {
  const char* name;
  Arg arg;
};

const std::map<std::uint8_t, Info>& table() {
  static const std::map<std::uint8_t, Info> kTable = {
      {0x80, {"PROTO", Arg::u1}},
      {0x95, {"FRAME", Arg::u8}},
      {'.', {"STOP", Arg::none}},
      {'N', {"NONE", Arg::none}},
      {0x88, {"NEWTRUE", Arg::none}},
      {0x89, {"NEWFALSE", Arg::none}},
      {'K', {"BININT1", Arg::u1}},
      {'M', {"BININT2", Arg::u2}},
      {'J', {"BININT", Arg::i4}},
      {0x8a, {"LONG1", Arg::long1}},
      {'G', {"BINFLOAT", Arg::float8}},
      {0x8c, {"SHORT_BINUNICODE", Arg::str1}},
      {'X', {"BINUNICODE", Arg::str4}},
      {0x8d, {"BINUNICODE8", Arg::str8}},
      {'C', {"SHORT_BINBYTES", Arg::bytes1}},
      {'B', {"BINBYTES", Arg::bytes4}},
      {0x8e, {"BINBYTES8", Arg::bytes8}},
      {'(', {"MARK", Arg::none}},
      {'0', {"POP", Arg::none}},
      {'1', {"POP_MARK", Arg::none}},
      {']', {"EMPTY_LIST", Arg::none}},
      {'a', {"APPEND", Arg::none}},
      {'e', {"APPENDS", Arg::none}},
      {')', {"EMPTY_TUPLE", Arg::none}},
      {0x85, {"TUPLE1", Arg::none}},
      {0x86, {"TUPLE2", Arg::none}},
      {0x87, {"TUPLE3", Arg::none}},
      {'t', {"TUPLE", Arg::none}},
      {'}', {"EMPTY_DICT", Arg::none}},
      {'s', {"SETITEM", Arg::none}},
      {'u', {"SETITEMS", Arg::none}},
      {0x8f, {"EMPTY_SET", Arg::none}},
      {0x90, {"ADDITEMS", Arg::none}},
      {0x94, {"MEMOIZE", Arg::none}},
      {'q', {"BINPUT", Arg::u1}},
      {'r', {"LONG_BINPUT", Arg::u4}},
      {'h', {"BINGET", Arg::u1}},
      {'j', {"LONG_BINGET", Arg::u4}},
      {0x93, {"STACK_GLOBAL", Arg::none}},
      {0x81, {"NEWOBJ", Arg::none}},
      {'b', {"BUILD", Arg::none}},
      {'R', {"REDUCE", Arg::none}},
  };
  return kTable;
}

std::uint64_t little_endian(const Bytes& data, std::size_t at, std::size_t width) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < width; ++i)
    n |= std::uint64_t{data[at + i]} << (8 * i);
  return n;
}

std::size_t fixed_width(Arg arg) {
  switch (arg) {
    case Arg::u1:
    case Arg::str1:
    case Arg::bytes1:
    case Arg::long1:
      return 1;
    case Arg::u2:
      return 2;
    case Arg::i4:
    case Arg::u4:
    case Arg::str4:
    case Arg::bytes4:
      return 4;
    case Arg::u8:
    case Arg::float8:
    case Arg::str8:
    case Arg::bytes8:
      return 8;
    case Arg::none:
      return 0;
  }
  return 0;
}

bool counted(Arg arg) {
  return arg == Arg::str1 || arg == Arg::str4 || arg == Arg::str8 || arg == Arg::bytes1 ||
         arg == Arg::bytes4 || arg == Arg::bytes8 || arg == Arg::long1;
}

std::string quoted(const Bytes& data, std::size_t at, std::size_t size, bool is_str,
                   std::size_t max = 24) {
  std::string text = is_str ? "'" : "b'";
  std::size_t shown = std::min<std::size_t>(size, max);
  for (std::size_t i = 0; i < shown; ++i) {
    std::uint8_t c = data[at + i];
    char buffer[8];
    if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
      text += static_cast<char>(c);
    else {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      text += buffer;
    }
  }
  if (shown < size) text += "...(" + std::to_string(size) + " bytes)";
  return text + "'";
}

std::string argument_text(const Op& op, Arg arg, const Bytes& data, std::size_t at) {
  switch (arg) {
    case Arg::none:
      return "";
    case Arg::i4:
      return std::to_string(static_cast<std::int32_t>(op.number));
    case Arg::float8: {
      std::uint64_t bits = 0;
      for (int i = 0; i < 8; ++i)
        bits = bits << 8 | data[at + i];
      double d;
      std::memcpy(&d, &bits, 8);
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", d);
      return buffer;
    }
    case Arg::long1:
      return "(" + std::to_string(op.number) + " bytes)";
    case Arg::str1:
    case Arg::str4:
    case Arg::str8:
      return quoted(data, at + fixed_width(arg), op.number, true);
    case Arg::bytes1:
    case Arg::bytes4:
    case Arg::bytes8:
      return quoted(data, at + fixed_width(arg), op.number, false);
    default:
      return std::to_string(op.number);
  }
}

}  // namespace

std::vector<Op> disassemble(const Bytes& data) {
  std::vector<Op> ops;
  std::size_t at = 0;
  while (at < data.size()) {
    Op op;
    op.position = at;
    op.code = data[at];
    auto it = table().find(op.code);
    if (it == table().end()) {
      op.name = "?";
      op.length = 1;
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "0x%02x", op.code);
      op.argument = buffer;
      ops.push_back(op);
      return ops;
    }
    op.name = it->second.name;
    Arg arg = it->second.arg;
    std::size_t width = fixed_width(arg);
    if (at + 1 + width > data.size()) {
      op.name = "<cut " + op.name + ">";
      op.length = data.size() - at;
      ops.push_back(op);
      return ops;
    }
    op.number = little_endian(data, at + 1, width);
    op.length = 1 + width + (counted(arg) ? op.number : 0);
    if (counted(arg) && op.number > data.size() - at - 1 - width) {
      op.name = "<cut " + op.name + ">";
      op.argument = ipclab::harness::trf("({} bytes announced)", op.number);
      op.length = data.size() - at;
      ops.push_back(op);
      return ops;
    }
    op.argument = argument_text(op, arg, data, at + 1);
    ops.push_back(op);
    at += op.length;
    if (op.code == '.') break;
  }
  return ops;
}

std::string listing(const std::vector<Op>& ops, std::size_t first, std::size_t last) {
  std::string text;
  for (std::size_t i = first; i < last && i < ops.size(); ++i) {
    if (!text.empty()) text += "  ";
    text += ops[i].name + (ops[i].argument.empty() ? "" : " " + ops[i].argument);
  }
  return text;
}

std::string show(const Bytes& data, std::size_t max) {
  return quoted(data, 0, data.size(), false, max);
}

}  // namespace serial
