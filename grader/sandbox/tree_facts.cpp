#include "sandbox/tree_facts.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"

namespace grader {

using ipclab::i18n::tr;
using ipclab::i18n::trn;

std::string killed_afterwards_note(int processes) {
  const auto left = static_cast<unsigned long>(processes);
  return fmt::format(
      fmt::runtime(trn("{} process was still running after the test and was killed",
                       "{} processes were still running after the test and were killed", left)),
      left);
}

void add_tree_facts(const TreeFacts& facts, const TreeLimits& limits,
                    ipclab::exec::ProcessResult& result) {
  if (facts.killed_afterwards > 0)
    result.notes.push_back(killed_afterwards_note(facts.killed_afterwards));
  if (facts.process_limit_hit) {
    result.notes.push_back(fmt::format(
        fmt::runtime(trn("the test's process limit ({} process) stopped a fork: too many "
                         "processes, a fork bomb?",
                         "the test's process limit ({} processes) stopped a fork: too many "
                         "processes, a fork bomb?",
                         limits.processes)),
        limits.processes));
  }
  if (facts.memory_limit_hit) {
    result.memory_limit_reached = true;
    result.notes.push_back(fmt::format(
        fmt::runtime(tr("the test's processes together reached the memory limit ({} MiB)")),
        limits.memory_bytes >> 20));
  }
}

}  // namespace grader
