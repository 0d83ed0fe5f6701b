// What a run's cgroup saw becomes facts on the run's result and notes in the
// chosen language (the grader decides on the facts, never on the notes' words).
#include "sandbox/tree_facts.hpp"

#include <gtest/gtest.h>

#include "in_language.hpp"

namespace grader {
namespace {

using ipclab::exec::ProcessResult;

const TreeLimits kLimits{.processes = 64, .memory_bytes = 512ull << 20};

ProcessResult with(const TreeFacts& facts) {
  ProcessResult result;
  result.notes = {"earlier note"};
  add_tree_facts(facts, kLimits, result);
  return result;
}

TEST(TreeFacts, NothingSeenAddsNothing) {
  ProcessResult result = with({});
  EXPECT_EQ(result.notes, std::vector<std::string>{"earlier note"});
  EXPECT_FALSE(result.memory_limit_reached);
}

TEST(TreeFacts, EachFactIsANoteInEnglish) {
  ProcessResult result =
      with({.killed_afterwards = 2, .process_limit_hit = true, .memory_limit_hit = true});
  EXPECT_EQ(result.notes,
            (std::vector<std::string>{
                "earlier note", "2 processes were still running after the test and were killed",
                "the test's process limit (64 processes) stopped a fork: too many processes, a "
                "fork bomb?",
                "the test's processes together reached the memory limit (512 MiB)"}));
  EXPECT_EQ(with({.killed_afterwards = 1}).notes.at(1),
            "1 process was still running after the test and was killed");
}

TEST(TreeFacts, TheMemoryLimitIsAFactWhateverTheLanguage) {
  fixtures::InLanguage spanish("es");
  ASSERT_TRUE(spanish.ok()) << "no Spanish catalog under " << IPCLAB_LOCALE_DIR;
  ProcessResult result =
      with({.killed_afterwards = 1, .process_limit_hit = true, .memory_limit_hit = true});
  EXPECT_TRUE(result.memory_limit_reached);
  EXPECT_EQ(result.notes,
            (std::vector<std::string>{
                "earlier note", "1 proceso seguía en marcha después de la prueba y se mató",
                "el límite de procesos de la prueba (64 procesos) detuvo un fork: demasiados "
                "procesos, ¿una fork bomb?",
                "los procesos de la prueba juntos llegaron al límite de memoria (512 MiB)"}));
  EXPECT_FALSE(with({.process_limit_hit = true}).memory_limit_reached);
}

}  // namespace
}  // namespace grader
