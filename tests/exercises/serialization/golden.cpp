#include "golden.hpp"

#include "harness/outcome.hpp"
#include "harness/words.hpp"

namespace serial {

const std::vector<Golden>& golden_vectors() {
  using Kind = Golden::Kind;
  [[maybe_unused]] constexpr Kind exact = Kind::exact;
  [[maybe_unused]] constexpr Kind decoded = Kind::decoded;
  [[maybe_unused]] constexpr Kind loads_only = Kind::loads_only;
  static const std::vector<Golden> kVectors = {
#define IPCLAB_GOLDEN(name, kind, value, hex) {name, kind, value, ipclab::from_hex(hex)},
#include "golden_vectors.inc"
#undef IPCLAB_GOLDEN
  };
  return kVectors;
}

const Golden& golden(std::string_view name) {
  for (const Golden& vector : golden_vectors()) {
    if (vector.name == name) return vector;
  }
  ipclab::harness::abort_test(ipclab::harness::Outcome::unresolved,
                              ipclab::harness::trf("no golden vector named {}", name));
}

std::vector<const Golden*> golden_with_prefix(const std::vector<std::string>& prefixes) {
  std::vector<const Golden*> found;
  for (const Golden& vector : golden_vectors()) {
    for (const std::string& prefix : prefixes) {
      if (vector.name.rfind(prefix, 0) == 0) {
        found.push_back(&vector);
        break;
      }
    }
  }
  return found;
}

}  // namespace serial
