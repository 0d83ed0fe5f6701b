// The compiler cache's folder, settings and counters, and when a session may
// share one.
#include "compile/compiler_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "fake_process_runner.hpp"
#include "i18n/messages.hpp"
#include "sandbox/build_user.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

const CacheSituation kSafe{false, "/usr/bin/ccache", true};

TEST(CompilerCache, ItsFolderIsPrivate) {
  const fs::path dir = scratch_path("compiler_cache_test") / "ccache";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  std::string refusal = "unset";
  std::optional<CompilerCache> cache = open_compiler_cache(dir, kSafe, refusal);
  ASSERT_TRUE(cache) << refusal;
  EXPECT_EQ(refusal, "");
  EXPECT_EQ(cache->ccache, "/usr/bin/ccache");
  struct stat info {};
  ASSERT_EQ(::stat(dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u) << "no test's uid may reach the objects";
  EXPECT_TRUE(fs::is_empty(dir)) << "no settings file where the compiles write";
}

TEST(CompilerCache, AsRootItIsTheBuildUsersWhoCompilesAndReadsItsCounters) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root compiles as the build user";
  const fs::path dir = scratch_path("compiler_cache_owner") / "ccache";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir / "a");
  std::ofstream(dir / "a" / "object") << "an older grader's (root's)\n";
  std::string refusal;
  std::optional<CompilerCache> cache = open_compiler_cache(dir, kSafe, refusal);
  ASSERT_TRUE(cache) << refusal;
  ASSERT_TRUE(cache->owner);
  EXPECT_EQ(cache->owner->uid, build_user_of(configured_uid_range()).uid);
  for (const fs::path& path : {dir, dir / "a", dir / "a" / "object"}) {
    struct stat info {};
    ASSERT_EQ(::lstat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_uid, cache->owner->uid) << path;
  }
  FakeProcessRunner runner;
  read_cache_stats(runner, *cache);
  ASSERT_EQ(runner.calls.size(), 1u);
  ASSERT_TRUE(runner.calls[0].spec.run_as) << "a file ccache makes stays the compiles'";
  EXPECT_EQ(runner.calls[0].spec.run_as->uid, cache->owner->uid);
  EXPECT_EQ(runner.calls[0].spec.env.back(), "HOME=.")
      << "ccache needs a home; getpwuid() knows no build user";
  EXPECT_EQ(runner.calls[0].spec.working_dir, cache->dir);
}

TEST(CompilerCache, CountsHitsOfBothKindsAsReused) {
  CacheStats stats = parse_cache_stats(
      "cache_miss\t3\ncalled_for_link\t9\ndirect_cache_hit\t5\ndirect_cache_miss\t4\n"
      "odd line\npreprocessed_cache_hit\t2\npreprocessed_cache_miss\t3\n");
  EXPECT_EQ(stats.reused, 7);
  EXPECT_EQ(stats.compiled, 3);
  EXPECT_EQ(parse_cache_stats("").reused, 0);
}

TEST(CompilerCache, SaysWhatItDidBetweenTwoCounts) {
  const CompilerCache cache{{"/usr/bin/ccache", "/g/ccache"}, std::nullopt};
  EXPECT_EQ(cache_use_line(cache, CacheStats{3, 5}, CacheStats{10, 6}),
            "compiler cache: 7 of 8 compiles reused (/g/ccache)");
  EXPECT_EQ(cache_use_line(cache, CacheStats{2, 2}, CacheStats{2, 2}),
            "compiler cache: 0 of 0 compiles reused (/g/ccache)");
  EXPECT_EQ(cache_use_line(cache, std::nullopt, CacheStats{1, 1}), "") << "ccache failed before";
  EXPECT_EQ(cache_use_line(cache, CacheStats{}, std::nullopt), "") << "ccache failed after";
}

TEST(CompilerCache, CountersAreReadWithTheCachesOwnSettings) {
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "direct_cache_hit\t4\ncache_miss\t1\n"));
  std::optional<CacheStats> stats = read_cache_stats(runner, {"/usr/bin/ccache", "/g/ccache"});
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->reused, 4);
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.command_lines().at(0), "/usr/bin/ccache --print-stats");
  EXPECT_EQ(runner.calls[0].spec.env.at(0), "CCACHE_DIR=.") << "read from inside the folder";
  EXPECT_EQ(runner.calls[0].spec.working_dir, "/g/ccache");
  runner.then(FakeProcessRunner::exited(1, "", "ccache: error"));
  EXPECT_FALSE(read_cache_stats(runner, {"/usr/bin/ccache", "/g/ccache"}));
}

TEST(CompilerCache, IsSharedOnlyWhereTestsCannotRewriteIt) {
  EXPECT_EQ(compiler_cache_refusal(kSafe), "");
  CacheSituation off = kSafe;
  off.turned_off = true;
  EXPECT_NE(compiler_cache_refusal(off).find("--no-compiler-cache"), std::string::npos);
  CacheSituation missing = kSafe;
  missing.ccache.reset();
  EXPECT_NE(compiler_cache_refusal(missing).find("apt-get install ccache"), std::string::npos);
  CacheSituation elsewhere = kSafe;
  elsewhere.ccache = "/home/me/.local/bin/ccache";
  EXPECT_NE(compiler_cache_refusal(elsewhere).find("outside what the build sandbox shows"),
            std::string::npos);
  CacheSituation advisory = kSafe;
  advisory.tests_cannot_write_grader_files = false;
  EXPECT_NE(compiler_cache_refusal(advisory).find("advisory"), std::string::npos);
  std::string refusal;
  EXPECT_FALSE(open_compiler_cache("/nonexistent/never/made", advisory, refusal));
  EXPECT_FALSE(fs::exists("/nonexistent/never/made")) << "a refused cache makes no folder";
}

TEST(CompilerCache, SaysWhyNotInTheStudentsLanguage) {
  ASSERT_TRUE(ipclab::i18n::use_language("es", IPCLAB_LOCALE_DIR));
  CacheSituation missing = kSafe;
  missing.ccache.reset();
  CacheSituation elsewhere = kSafe;
  elsewhere.ccache = "/opt/ccache";
  std::string not_installed = compiler_cache_refusal(missing);
  std::string outside = compiler_cache_refusal(elsewhere);
  ipclab::i18n::use_language("en", "");
  EXPECT_EQ(not_installed, "ccache no está instalado (sudo apt-get install ccache)");
  EXPECT_NE(outside.find("el ccache de /opt/ccache está fuera"), std::string::npos) << outside;
}

}  // namespace
}  // namespace grader
