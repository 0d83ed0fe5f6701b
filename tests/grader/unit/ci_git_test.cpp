#include "ci/git.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "../scratch_path.hpp"
#include "ci/base_checkout.hpp"
#include "config/config_error.hpp"
#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using testing::FakeProcessRunner;

ipclab::exec::ProcessResult failed(std::string err) {
  ipclab::exec::ProcessResult result = FakeProcessRunner::exited(128);
  result.err = std::move(err);
  return result;
}

TEST(CiGit, AsksGitExactlyThis) {
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "/repo\n"));
  runner.then(FakeProcessRunner::exited(0, "abc123\n"));
  runner.then(FakeProcessRunner::exited(0, std::string("a.cpp\0b c.cpp\0", 14)));
  runner.then(FakeProcessRunner::exited(0, std::string("new\nline\0", 9)));
  Git git(runner, "/usr/bin/git", "/repo/sub");
  EXPECT_EQ(git.toplevel(), "/repo");
  EXPECT_EQ(git.resolve_commit("origin/main"), "abc123");
  EXPECT_THAT(git.changed_since("abc123"), ElementsAre("a.cpp", "b c.cpp"));
  EXPECT_THAT(git.untracked(), ElementsAre("new\nline"));
  EXPECT_THAT(runner.command_lines(),
              ElementsAre("/usr/bin/git rev-parse --show-toplevel",
                          "/usr/bin/git rev-parse --verify --quiet --end-of-options "
                          "origin/main^{commit}",
                          "/usr/bin/git diff --name-only --no-renames -z abc123 --",
                          "/usr/bin/git ls-files --others --exclude-standard --full-name -z"));
  EXPECT_EQ(runner.calls[0].spec.working_dir, "/repo/sub");
  for (const std::string& var : runner.calls[0].spec.env) {
    EXPECT_FALSE(var.starts_with("GIT_DIR=")) << "git must not be redirected";
  }
}

TEST(CiGit, AnUnknownBaseIsAUsageError) {
  FakeProcessRunner runner;
  runner.then(failed(""));
  Git git(runner, "/usr/bin/git", "/repo");
  try {
    git.resolve_commit("origin/nope");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "--base: no commit 'origin/nope' in this repository (fetch it first, e.g. "
                 "`git fetch origin main`, or name a branch or commit)");
  }
}

TEST(CiGit, OutsideARepositorySaysWhatToDo) {
  FakeProcessRunner runner;
  runner.then(failed("fatal: not a git repository\n"));
  Git git(runner, "/usr/bin/git", "/tmp/x");
  try {
    git.toplevel();
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_STREQ(e.what(),
                 "/tmp/x is not inside a git repository: `grader ci --base` compares the working "
                 "tree with a commit; run it in a clone, or drop --base");
  }
}

TEST(CiGit, AFailureNamesTheCommandAndGitsFirstLine) {
  FakeProcessRunner runner;
  runner.then(failed("fatal: bad object\nmore\n"));
  Git git(runner, "/usr/bin/git", "/repo");
  EXPECT_THROW(
      {
        try {
          git.changed_since("abc");
        } catch (const GraderError& e) {
          EXPECT_STREQ(e.what(), "`git diff` failed in /repo: fatal: bad object");
          throw;
        }
      },
      GraderError);
}

TEST(CiGit, SplitNulDropsEmptyNames) {
  EXPECT_THAT(split_nul(std::string("\0a\0\0b", 5)), ElementsAre("a", "b"));
  EXPECT_TRUE(split_nul("").empty());
}

TEST(CiBaseCheckout, ArchivesExtractsThenReusesTheSameCommit) {
  fs::path dest = scratch_path("ci_base_checkout");
  fs::remove_all(dest);
  fs::create_directories(dest);
  std::ofstream(dest / "stale.txt") << "from an older base";
  FakeProcessRunner runner;
  Git git(runner, "/usr/bin/git", "/repo");
  BaseCheckout first = checkout_base(git, runner, "abc", dest);
  EXPECT_EQ(first.tree, dest);
  ASSERT_EQ(runner.calls.size(), 2u);
  EXPECT_EQ(runner.command_lines()[0],
            "/usr/bin/git archive --format=tar -o " + dest.string() + ".tar abc");
  EXPECT_THAT(runner.calls[1].spec.args,
              ElementsAre("-xf", dest.string() + ".tar", "-C", dest.string()));
  EXPECT_FALSE(fs::exists(dest / "stale.txt")) << "a new base replaces the old one";

  checkout_base(git, runner, "abc", dest);
  EXPECT_EQ(runner.calls.size(), 2u) << "the same commit is not extracted again";
  checkout_base(git, runner, "def", dest);
  EXPECT_EQ(runner.calls.size(), 4u);
}

}  // namespace
}  // namespace grader
