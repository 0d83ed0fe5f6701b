#include "sandbox/tree_facts.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"

namespace grader {

using ipclab::i18n::tr;
using ipclab::i18n::trn;

void add_tree_facts(const TreeFacts& facts, const TreeLimits& limits,
                    ipclab::exec::ProcessResult& result) {
  if (facts.killed_afterwards > 0) {
    const auto left = static_cast<unsigned long>(facts.killed_afterwards);
    result.notes.push_back(fmt::format(
        fmt::runtime(trn("{} process of the test was still running afterwards (killed)",
                         "{} processes of the test were still running afterwards (killed)", left)),
        left));
  }
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
