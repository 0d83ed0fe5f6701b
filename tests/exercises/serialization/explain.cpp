// Explaining why the bytes of a student's dumps() are not Python's.
#include <algorithm>
#include <set>

#include "harness/words.hpp"
#include "opcodes.hpp"

namespace serial {
namespace {

using ipclab::harness::tr;
using ipclab::harness::trf;

/// The index of the op that holds byte `position` (ops.size() if none).
std::size_t op_at(const std::vector<Op>& ops, std::size_t position) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (position < ops[i].position + std::max<std::size_t>(ops[i].length, 1)) return i;
  }
  return ops.size();
}

bool one_of(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

bool reversed_argument(const Op& got, const Op& want, const Bytes& g, const Bytes& w,
                       std::size_t width) {
  if (got.position + 1 + width > g.size() || want.position + 1 + width > w.size()) return false;
  for (std::size_t i = 0; i < width; ++i) {
    if (g[got.position + 1 + i] != w[want.position + width - i]) return false;
  }
  return true;
}

std::string frame_hint(const Op* got, const Op& want, const Bytes& g, const Bytes& w) {
  if (got != nullptr && got->name == "FRAME") {
    if (reversed_argument(*got, want, g, w, 8)) {
      return tr(
          "FRAME's length is 8 bytes, little-endian (least significant first) -- unlike "
          "BINFLOAT, numbers in a pickle are little-endian");
    }
    return tr(
        "a FRAME's length counts exactly the bytes of that frame: from after the length up to "
        "the next FRAME, the next str or bytes of 64 KiB or more (written outside frames), or "
        "the end; a frame is closed before the first value that starts once it holds 64 KiB");
  }
  return tr(
      "Python puts everything after PROTO into frames: FRAME + the frame's length (8 bytes, "
      "little-endian), then its opcodes; a frame shorter than 4 bytes goes without the header");
}

std::string hint(const Op* got, const Op* want, const Bytes& g, const Bytes& w) {
  if (want == nullptr) return tr("your pickle goes on after Python's has ended");
  if (got == nullptr) return tr("your pickle ends before Python's does");
  const std::string& gn = got->name;
  const std::string& wn = want->name;
  if (wn == "FRAME") return frame_hint(got, *want, g, w);
  if (gn == "FRAME") {
    return tr(
        "Python writes no FRAME here: a frame shorter than 4 bytes has no header, and a str "
        "or bytes of 64 KiB or more is written outside frames (end the frame before it)");
  }
  if (wn == "BINFLOAT" && gn == "BINFLOAT" && reversed_argument(*got, *want, g, w, 8)) {
    return tr(
        "BINFLOAT's 8 bytes are big-endian (most significant first), unlike every other "
        "number in a pickle");
  }
  if (wn == "MEMOIZE") {
    return tr(
        "Python writes MEMOIZE here: right after every str, bytes, list, dict, set, non-empty "
        "tuple, object and class it writes, so that later references can use BINGET");
  }
  if (one_of(wn, {"BINGET", "LONG_BINGET"})) {
    return tr(
        "this was written before (a shared or recursive reference, or a name used again): "
        "Python writes BINGET of its memo index instead of a second copy; the memo index "
        "counts every MEMOIZE");
  }
  if (one_of(gn, {"BINGET", "LONG_BINGET"})) {
    return tr(
        "Python does not fetch this from the memo: only the same container (the same "
        "shared_ptr) or the same name is written once");
  }
  if (one_of(wn, {"BININT1", "BININT2", "BININT", "LONG1"}) &&
      one_of(gn, {"BININT1", "BININT2", "BININT", "LONG1"})) {
    if (wn == gn && wn == "LONG1") {
      return tr("LONG1 uses as few bytes as hold the number in two's complement");
    }
    return tr(
        "Python uses the smallest integer opcode: BININT1 for 0..255, BININT2 for 256..65535, "
        "BININT for the rest of -2^31..2^31-1, LONG1 beyond");
  }
  if (wn != gn && one_of(wn, {"SHORT_BINUNICODE", "BINUNICODE", "SHORT_BINBYTES", "BINBYTES"})) {
    return tr(
        "a str (bytes) shorter than 256 bytes is SHORT_BINUNICODE (SHORT_BINBYTES) with a "
        "1-byte length; a longer one BINUNICODE (BINBYTES) with a 4-byte length");
  }
  if (wn == gn && one_of(wn, {"SHORT_BINUNICODE", "BINUNICODE"})) {
    return tr("a str is written as its UTF-8 bytes, and the length counts bytes, not characters");
  }
  if (one_of(wn, {"TUPLE1", "TUPLE2", "TUPLE3", "TUPLE"}) ||
      one_of(gn, {"TUPLE1", "TUPLE2", "TUPLE3", "TUPLE"})) {
    return tr(
        "a tuple of 1 to 3 items is its items, then TUPLE1, TUPLE2 or TUPLE3 (no MARK); with 4 "
        "or more, MARK, the items, TUPLE; the empty tuple is EMPTY_TUPLE");
  }
  if (one_of(wn, {"APPEND", "APPENDS", "SETITEM", "SETITEMS", "ADDITEMS"}) ||
      one_of(gn, {"APPEND", "APPENDS", "SETITEM", "SETITEMS", "ADDITEMS"})) {
    return tr(
        "one item (pair) goes with APPEND (SETITEM); more go in batches of at most 1000: MARK, "
        "the items, APPENDS (SETITEMS); a set always uses MARK ... ADDITEMS");
  }
  if (wn == "MARK" || gn == "MARK") {
    return tr(
        "containers are written empty first (EMPTY_LIST, MEMOIZE), then MARK, their items, and "
        "APPENDS/SETITEMS/ADDITEMS");
  }
  if (one_of(wn, {"EMPTY_LIST", "EMPTY_DICT", "EMPTY_SET"})) {
    return tr(
        "a container is written empty first, memoized, and filled afterwards: that is what "
        "lets an item refer back to it");
  }
  return "";
}

bool same_op(const Op& a, const Bytes& a_bytes, const Op& b, const Bytes& b_bytes) {
  if (a.name != b.name || a.length != b.length) return false;
  return std::equal(a_bytes.begin() + a.position, a_bytes.begin() + a.position + a.length,
                    b_bytes.begin() + b.position);
}

/// The indexes (yours, Python's) of the first opcode that differs when FRAME
/// opcodes are left out on both sides: an opcode that changes length changes
/// the frame's length first, but the frame is not the mistake.
/// {got_ops.size(), want_ops.size()} when only the frames differ.
std::pair<std::size_t, std::size_t> first_differing_op(const std::vector<Op>& got_ops,
                                                       const Bytes& got,
                                                       const std::vector<Op>& want_ops,
                                                       const Bytes& want) {
  std::size_t ig = 0;
  std::size_t iw = 0;
  for (;; ++ig, ++iw) {
    while (ig < got_ops.size() && got_ops[ig].name == "FRAME")
      ++ig;
    while (iw < want_ops.size() && want_ops[iw].name == "FRAME")
      ++iw;
    if (ig == got_ops.size() || iw == want_ops.size()) break;
    if (!same_op(got_ops[ig], got, want_ops[iw], want)) return {ig, iw};
  }
  if (ig == got_ops.size() && iw == want_ops.size()) return {ig, iw};
  return {std::min(ig, got_ops.size()), std::min(iw, want_ops.size())};
}

/// "the bytes differ from byte 5 on, at your BININT1 1 (Python: BININT2 300)
/// (Python writes ...):" and both sides' opcodes around there, on two lines.
std::string difference_text(std::size_t at, const std::vector<Op>& got_ops, std::size_t ig,
                            const std::vector<Op>& want_ops, std::size_t iw, std::size_t got_size,
                            std::size_t want_size, const std::string& python,
                            const std::string& yours) {
  if (ig >= got_ops.size() || iw >= want_ops.size()) {
    // TRANSLATORS: a byte offset, the two pickles' sizes, then the opcodes of
    // each around there (keep the two lines' labels aligned)
    return trf(
        "the bytes differ from byte {} on (Python writes {} bytes, yours {}):\n  Python:  "
        "{}\n  yours:   {}",
        at, want_size, got_size, python, yours);
  }
  // TRANSLATORS: a byte offset, your opcode there, Python's opcode there, the
  // two pickles' sizes, then the opcodes of each around there
  return trf(
      "the bytes differ from byte {} on, at your {} (Python: {}) (Python writes {} bytes, "
      "yours {}):\n  Python:  {}\n  yours:   {}",
      at, listing(got_ops, ig, ig + 1), listing(want_ops, iw, iw + 1), want_size, got_size, python,
      yours);
}

}  // namespace

std::string explain_difference(const Bytes& got, const Bytes& want) {
  if (got == want) return "";
  auto [g, w] = std::mismatch(got.begin(), got.end(), want.begin(), want.end());
  std::size_t at = static_cast<std::size_t>(g - got.begin());
  std::vector<Op> got_ops = disassemble(got);
  std::vector<Op> want_ops = disassemble(want);
  std::size_t iw = op_at(want_ops, at);
  std::size_t ig = op_at(got_ops, at);
  const bool in_frame_header = (iw < want_ops.size() && want_ops[iw].name == "FRAME") ||
                               (ig < got_ops.size() && got_ops[ig].name == "FRAME");
  if (in_frame_header) {
    auto [og, ow] = first_differing_op(got_ops, got, want_ops, want);
    if (og < got_ops.size() || ow < want_ops.size()) {
      // An opcode differs: name it, not the FRAME length it changed.
      ig = og;
      iw = ow;
      at = og < got_ops.size() ? got_ops[og].position : got.size();
    }
  }
  const std::size_t before = std::min<std::size_t>({3, iw, ig});
  auto around = [&](const std::vector<Op>& ops, std::size_t i) {
    std::string text = i > before ? "... " : "";
    text += listing(ops, i - before, i + 2);
    return text + (i + 2 < ops.size() ? " ..." : "");
  };
  std::string text = difference_text(at, got_ops, ig, want_ops, iw, got.size(), want.size(),
                                     around(want_ops, iw), around(got_ops, ig));
  std::string why = hint(ig < got_ops.size() ? &got_ops[ig] : nullptr,
                         iw < want_ops.size() ? &want_ops[iw] : nullptr, got, want);
  return why.empty() ? text : text + "\n  " + why;
}

std::vector<std::string> frame_problems(const Bytes& data) {
  std::vector<std::string> problems;
  std::vector<Op> ops = disassemble(data);
  std::set<std::size_t> starts;
  for (const Op& op : ops)
    starts.insert(op.position);
  starts.insert(data.size());
  std::size_t frame_end = 0;  // end of the current frame (0: outside frames)
  for (const Op& op : ops) {
    bool inside = op.position < frame_end;
    if (op.name == "FRAME") {
      std::size_t end = op.position + 9 + op.number;
      if (inside)
        problems.push_back(trf("a FRAME at byte {} starts inside the previous frame", op.position));
      if (!starts.count(end)) {
        problems.push_back(
            trf("the FRAME at byte {} announces {} bytes, which do not end where an opcode "
                "ends: the length must count exactly the frame's bytes",
                op.position, op.number));
      }
      if (op.number < 4) {
        problems.push_back(
            trf("the FRAME at byte {} holds only {} bytes: frames under 4 bytes go without a "
                "FRAME header",
                op.position, op.number));
      }
      if (op.number >= 65536 + 1024) {
        problems.push_back(
            trf("the FRAME at byte {} holds {} bytes: a frame is closed as soon as it holds "
                "64 KiB, at the start of the next value",
                op.position, op.number));
      }
      frame_end = end;
      continue;
    }
    bool large = one_of(op.name, {"BINUNICODE", "BINBYTES"}) && op.number >= 65536;
    if (large && inside) {
      // TRANSLATORS: an opcode (BINUNICODE or BINBYTES), its length, its position
      problems.push_back(
          trf("{} of {} bytes at byte {} is inside a frame: a str or bytes of 64 KiB or more "
              "goes outside frames (end the current frame first)",
              op.name, op.number, op.position));
    }
  }
  return problems;
}

}  // namespace serial
