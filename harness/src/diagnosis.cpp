#include "harness/diagnosis.hpp"

#include "harness/hang_verdict.hpp"

namespace ipclab::harness {

std::string diagnose_hang(const std::vector<LabelledRoot>& roots) {
  return describe_scene(look(roots));
}

}  // namespace ipclab::harness
