#include "corpus.hpp"

#include "golden.hpp"
#include "harness/words.hpp"
#include "opcodes.hpp"

namespace serial {
namespace {

using ipclab::harness::tr;
using ipclab::harness::trf;
using ipclab::harness::trnf;

/// Bytes written like Python's b'...' literals: \xNN, \n and \\ escapes.
Bytes py(std::string_view text) {
  Bytes out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out.push_back(static_cast<std::uint8_t>(text[i]));
    } else if (text[i + 1] == 'x') {
      out.push_back(
          static_cast<std::uint8_t>(std::stoi(std::string(text.substr(i + 2, 2)), nullptr, 16)));
      i += 3;
    } else {
      out.push_back(text[i + 1] == 'n' ? '\n' : static_cast<std::uint8_t>(text[i + 1]));
      i += 1;
    }
  }
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

Bytes le(std::uint64_t n, int width) {
  Bytes out;
  for (int i = 0; i < width; ++i)
    out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  return out;
}

Bytes global(std::string_view module, std::string_view name) {
  return cat({{0x8c, static_cast<std::uint8_t>(module.size())},
              Bytes(module.begin(), module.end()),
              {0x8c, static_cast<std::uint8_t>(name.size())},
              Bytes(name.begin(), name.end()),
              {0x93}});
}

/// CPython's AbstractUnpickleTests.test_bad_stack, test_bad_mark and
/// test_truncated_data pickles (all refused, in or outside our subset).
const char* const kCPythonBad[] = {
    R"(.)",
    R"(0)",
    R"(1)",
    R"(2)",
    R"((2)",
    R"(R)",
    R"()R)",
    R"(a)",
    R"(Na)",
    R"(b)",
    R"(Nb)",
    R"(d)",
    R"(e)",
    R"((e)",
    R"(ibuiltins\nlist\n)",
    R"(l)",
    R"(o)",
    R"((o)",
    R"(p1\n)",
    R"(q\x00)",
    R"(r\x00\x00\x00\x00)",
    R"(s)",
    R"(Ns)",
    R"(NNs)",
    R"(t)",
    R"(u)",
    R"((u)",
    R"(}(Nu)",
    R"(\x81)",
    R"()\x81)",
    R"(\x85)",
    R"(\x86)",
    R"(N\x86)",
    R"(\x87)",
    R"(N\x87)",
    R"(NN\x87)",
    R"(\x90)",
    R"((\x90)",
    R"(\x91)",
    R"(\x92)",
    R"()}\x92)",
    R"(\x93)",
    R"(Vlist\n\x93)",
    R"(\x94)",
    R"(N(.)",
    R"(N(2)",
    R"(cbuiltins\nlist\n)(R)",
    R"(cbuiltins\nlist\n()R)",
    R"(]N(a)",
    R"((Nd)",
    R"(N(p1\n)",
    R"(N(q\x00)",
    R"(N(r\x00\x00\x00\x00)",
    R"(}NN(s)",
    R"(}N(Ns)",
    R"(}(NNs)",
    R"(}((u)",
    R"(cbuiltins\nlist\n)(\x81)",
    R"(N(\x85)",
    R"(NN(\x86)",
    R"(N(N\x86)",
    R"(NNN(\x87)",
    R"(NN(N\x87)",
    R"(N(NN\x87)",
    R"(]((\x90)",
    R"(Vbuiltins\n(Vlist\n\x93)",
    R"(Vbuiltins\nVlist\n(\x93)",
    R"(N(\x94)",
    R"(B)",
    R"(B\x03\x00\x00)",
    R"(B\x03\x00\x00\x00)",
    R"(B\x03\x00\x00\x00ab)",
    R"(C)",
    R"(C\x03)",
    R"(C\x03ab)",
    R"(F)",
    R"(F0.0)",
    R"(G)",
    R"(G\x00\x00\x00\x00\x00\x00\x00)",
    R"(I)",
    R"(I0)",
    R"(J)",
    R"(J\x00\x00\x00)",
    R"(K)",
    R"(L)",
    R"(L0)",
    R"(M)",
    R"(M\x00)",
    R"(S)",
    R"(S'abc')",
    R"(T)",
    R"(U)",
    R"(V)",
    R"(Vabc)",
    R"(X)",
    R"(X\x03\x00\x00)",
    R"(X\x03\x00\x00\x00ab)",
    R"((c)",
    R"((cbuiltins)",
    R"((cbuiltins\n)",
    R"((cbuiltins\nlist)",
    R"(Ng)",
    R"(Ng0)",
    R"((i)",
    R"((ibuiltins)",
    R"(Np)",
    R"(Np0)",
    R"(h)",
    R"(h\x00)",
    R"(j)",
    R"(j\x00\x00\x00)",
    R"(\x8a)",
    R"(\x8a\x01)",
    R"(\x8b)",
    R"(\x8b\x01\x00\x00)",
    R"(\x8c)",
    R"(\x8c\x03ab)",
    R"(\x8d)",
    R"(\x8d\x03\x00\x00\x00\x00\x00\x00\x00ab)",
    R"(\x8e)",
    R"(\x8e\x03\x00\x00\x00\x00\x00\x00\x00ab)",
    R"(\x95)",
    R"(\x95\x02\x00\x00\x00\x00\x00\x00)",
    R"(\x95\x02\x00\x00\x00\x00\x00\x00\x00N)",
};

/// Positions of length fields: (offset of the field, its width).
std::vector<std::pair<std::size_t, std::size_t>> length_fields(const Bytes& data) {
  std::vector<std::pair<std::size_t, std::size_t>> fields;
  for (const Op& op : disassemble(data)) {
    std::size_t width = 0;
    if (op.name == "SHORT_BINUNICODE" || op.name == "SHORT_BINBYTES" || op.name == "LONG1")
      width = 1;
    if (op.name == "BINUNICODE" || op.name == "BINBYTES") width = 4;
    if (op.name == "FRAME" || op.name == "BINUNICODE8" || op.name == "BINBYTES8") width = 8;
    if (width > 0) fields.emplace_back(op.position + 1, width);
  }
  return fields;
}

Bytes with_length(Bytes data, std::size_t at, std::size_t width, std::uint64_t n) {
  Bytes field = le(n, static_cast<int>(width));
  std::copy(field.begin(), field.end(), data.begin() + at);
  return data;
}

void add_prefixes(const Golden& vector, std::vector<Case>& out) {
  const std::size_t size = vector.bytes.size();
  const std::size_t step = size <= 200 ? 1 : size / 64;
  for (std::size_t n = 0; n < size; n += step)
    out.push_back({trnf("the first {} byte of golden vector '{}'",
                        "the first {} bytes of golden vector '{}'", n, n, vector.name),
                   Bytes(vector.bytes.begin(), vector.bytes.begin() + n)});
  for (std::size_t n = size > 16 ? size - 16 : 0; n < size; ++n)
    out.push_back(
        {trnf("golden vector '{}' without its last {} byte",
              "golden vector '{}' without its last {} bytes", size - n, vector.name, size - n),
         Bytes(vector.bytes.begin(), vector.bytes.begin() + n)});
}

void add_flips(const Golden& vector, std::mt19937_64& rng, std::vector<Case>& out) {
  const Bytes& data = vector.bytes;
  for (int i = 0; i < 16 && !data.empty(); ++i) {
    std::size_t at = rng() % data.size();
    for (std::uint8_t replacement :
         {static_cast<std::uint8_t>(data[at] ^ 0xff), static_cast<std::uint8_t>(rng())}) {
      Bytes flipped = data;
      flipped[at] = replacement;
      out.push_back({trf("golden vector '{}' with byte {} changed", vector.name, at), flipped});
    }
  }
}

void add_oversize(const Golden& vector, std::vector<Case>& out) {
  for (auto [at, width] : length_fields(vector.bytes)) {
    std::uint64_t rest = vector.bytes.size() - at - width;
    std::vector<std::uint64_t> sizes = {
        rest + 1, 0xffffffffull >> (8 * (4 - std::min<std::size_t>(width, 4)))};
    if (width == 8) sizes.insert(sizes.end(), {1ull << 40, 1ull << 62, ~0ull});
    if (width == 4) sizes.push_back(0x7fffffff);
    for (std::uint64_t n : sizes) {
      out.push_back(
          {trf("golden vector '{}' with the length at byte {} set to {}", vector.name, at, n),
           with_length(vector.bytes, at, width, n)});
    }
  }
}

}  // namespace

std::vector<Curated> curated_inputs() {
  const Bytes point = global("__main__", "Point");
  const Bytes date = global("datetime", "datetime");
  return {
      {tr("it is empty"), {}, {}},
      {tr("it ends before STOP"), py(R"(N)"), {}},
      {tr("it is only PROTO 4"), {0x80, 0x04}, {}},
      {tr("BININT needs 4 bytes"), py(R"(J\x01\x02)"), {}},
      {tr("the str is cut short"), py(R"(\x8c\x05ab)"), {}},
      {tr("BINFLOAT needs 8 bytes"), py(R"(G\x00\x00)"), {}},
      {tr("0xff is no opcode"), {0xff}, {}},
      {tr("INT (a protocol-0 text opcode) is not in the subset"), py(R"(I1\n.)"), {}},
      {tr("protocol 5 is not supported"), py(R"(\x80\x05N.)"), {}},
      {tr("STOP needs a value on the stack"), py(R"(.)"), {}},
      {tr("POP on an empty stack"), py(R"(0N.)"), {}},
      {tr("APPEND needs a list under the item"), py(R"(NNa.)"), {}},
      {tr("TUPLE2 needs two values"), py(R"(N\x86.)"), {}},
      {tr("SETITEM needs a dict"), py(R"(]NNs.)"), {}},
      {tr("APPENDS needs a MARK"), py(R"(]Ne.)"), {}},
      {tr("POP_MARK without a MARK"), py(R"(1N.)"), {}},
      {tr("a MARK is still open at STOP"), py(R"((N.)"), {}},
      {tr("two values are left at STOP"), py(R"(NN.)"), {}},
      {tr("BINGET of memo key 5, which was never stored"), py(R"(h\x05.)"), {}},
      {tr("LONG_BINGET of a memo key that was never stored"), py(R"(N\x94j\x00\x01\x00\x00.)"), {}},
      {tr("MEMOIZE on an empty stack"), py(R"(\x94N.)"), {}},
      {tr("bytes after STOP"), py(R"(N.x)"), {}},
      {tr("a second pickle after STOP"), py(R"(N.N.)"), {}},
      {tr("BINUNICODE announces 2 GiB that are not there"), py(R"(X\xff\xff\xff\x7f)"), {}},
      {tr("BINBYTES announces 4 GiB that are not there"), py(R"(B\xff\xff\xff\xffabc.)"), {}},
      {tr("BINBYTES8 announces 1 TiB that is not there"),
       cat({{0x8e}, le(1ull << 40, 8), py(R"(abc.)")}),
       {}},
      {tr("BINUNICODE8 announces 2^63 bytes"), cat({{0x8d}, le(1ull << 63, 8), py(R"(abc.)")}), {}},
      {tr("FRAME announces more bytes than there are"),
       cat({{0x80, 4, 0x95}, le(1ull << 60, 8), py(R"(N.)")}),
       {}},
      {tr("LONG1 of 9 bytes does not fit in 64 bits"),
       py(R"(\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x80\x00.)"),
       {}},
      {tr("LONG1 is cut short"), py(R"(\x8a\x04\x01)"), {}},
      {tr("a str that is not UTF-8"), py(R"(\x8c\x02\xff\xfe.)"), {}},
      {tr("a dict key that is a list (unhashable)"), py(R"(}]Ns.)"), {}},
      {tr("a set item that is a dict (unhashable)"), py(R"(\x8f(}\x90.)"), {}},
      {tr("os.system is not a class loads() may create"),
       cat({global("os", "system"), py(R"(.)")}),
       {}},
      {tr("class __main__.Foo is not registered"),
       cat({global("__main__", "Foo"), py(R"()\x81.)")}),
       {}},
      {tr("a class is not a value to return"), cat({point, py(R"(.)")}), {}},
      {tr("a class is not a value to put in a list"), cat({py(R"(])"), date, py(R"(a.)")}), {}},
      {tr("NEWOBJ takes no arguments here"), cat({point, py(R"(K\x01\x85\x81.)")}), {}},
      {tr("REDUCE is only for datetime"), cat({point, py(R"()R.)")}), {}},
      {tr("a datetime in month 13"),
       cat({date, py(R"(C\x0a\x07\xe8\x0d\x01\x00\x00\x00\x00\x00\x00\x85R.)")}),
       {}},
      {tr("BUILD needs an object"), py(R"(]}b.)"), {}},
      {tr("a field name must be a name"), cat({point, py(R"()\x81}\x8c\x03a bK\x01sb.)")}), {}},
      {tr("LONG_BINPUT may store at any index: the memo is a map, not an array"),
       py(R"(Nr\xff\xff\xff\xff.)"), std::string("None")},
      {tr("BINPUT then BINGET of the same key"), py(R"(]q\x07\x85h\x07\x86.)"),
       std::string("((&1=[],),*1)")},
  };
}

std::vector<Case> robustness_corpus() {
  std::vector<Case> cases;
  std::mt19937_64 rng(20240501);
  for (const Golden& vector : golden_vectors()) {
    add_prefixes(vector, cases);
    add_flips(vector, rng, cases);
    add_oversize(vector, cases);
  }
  for (const char* text : kCPythonBad)
    cases.push_back({tr("CPython's bad pickle"), py(text)});
  return cases;
}

/// A short random program of the subset's opcodes with small arguments.
Bytes random_program(std::mt19937_64& rng) {
  static const std::uint8_t kCodes[] = {
      '(', '0', '1', ']',  'a', 'e', ')', 0x85, 0x86, 0x87, 't', '}',  's',  'u', 0x8f, 0x90, 0x94,
      'q', 'h', 'N', 0x88, 'K', 'M', 'J', 0x8a, 'G',  0x8c, 'C', 0x93, 0x81, 'b', 'R',  0x95};
  Bytes data = {0x80, 4};
  int count = 1 + static_cast<int>(rng() % 24);
  for (int i = 0; i < count; ++i) {
    std::uint8_t code = kCodes[rng() % std::size(kCodes)];
    data.push_back(code);
    std::size_t extra = code == 'K' || code == 'q' || code == 'h' ? 1
                        : code == 'M'                             ? 2
                        : code == 'J'                             ? 4
                        : code == 'G' || code == 0x95             ? 8
                                                                  : 0;
    if (code == 0x8a || code == 0x8c || code == 'C') {
      std::size_t n = rng() % 10;
      data.push_back(static_cast<std::uint8_t>(n));
      extra = n;
    }
    for (std::size_t k = 0; k < extra; ++k)
      data.push_back(static_cast<std::uint8_t>(code == 'h' || code == 'q' ? rng() % 4 : rng()));
  }
  data.push_back('.');
  return data;
}

Case random_case(std::mt19937_64& rng) {
  if (rng() % 5 == 0) return {tr("a random program of opcodes"), random_program(rng)};
  const auto& vectors = golden_vectors();
  const Golden& vector = vectors[rng() % vectors.size()];
  Bytes data = vector.bytes;
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !data.empty(); ++i) {
    std::size_t at = rng() % data.size();
    switch (rng() % 6) {
      case 0:
        data[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
        break;
      case 1:
        data[at] = static_cast<std::uint8_t>(rng());
        break;
      case 2:
        data.insert(data.begin() + at, static_cast<std::uint8_t>(rng()));
        break;
      case 3:
        data.erase(data.begin() + at);
        break;
      case 4: {
        const Bytes& other = vectors[rng() % vectors.size()].bytes;
        std::size_t from = rng() % other.size();
        std::size_t count = std::min<std::size_t>(rng() % 16 + 1, other.size() - from);
        data.insert(data.begin() + at, other.begin() + from, other.begin() + from + count);
        break;
      }
      default: {
        auto fields = length_fields(data);
        if (fields.empty()) break;
        auto [field, width] = fields[rng() % fields.size()];
        data = with_length(data, field, width, rng() >> (rng() % 64));
      }
    }
  }
  return {trf("golden vector '{}', changed at random", vector.name), data};
}

}  // namespace serial
