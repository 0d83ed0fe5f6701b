// The compiler cache's settings, counters and the batch's decision to use it.
#include "build/compiler_cache.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_process_runner.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CompilerCache, ItsFolderIsPrivateAndCapped) {
  const fs::path dir = fs::path(::testing::TempDir()) / "compiler_cache_test" / "ccache";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  prepare_compiler_cache({"/usr/bin/ccache", dir});
  struct stat info {};
  ASSERT_EQ(::stat(dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u) << "no test's uid may reach the objects";
  const std::string settings = slurp(dir / "ccache.conf");
  EXPECT_NE(settings.find("max_size = "), std::string::npos) << settings;
  prepare_compiler_cache({"/usr/bin/ccache", dir});
  EXPECT_EQ(slurp(dir / "ccache.conf"), settings) << "preparing twice changes nothing";
}

TEST(CompilerCache, CountsHitsOfBothKindsAsReused) {
  CacheStats stats = parse_cache_stats(
      "cache_miss\t3\ncalled_for_link\t9\ndirect_cache_hit\t5\ndirect_cache_miss\t4\n"
      "preprocessed_cache_hit\t2\npreprocessed_cache_miss\t3\n");
  EXPECT_EQ(stats.reused, 7);
  EXPECT_EQ(stats.compiled, 3);
  EXPECT_EQ(parse_cache_stats("").reused, 0);
}

TEST(CompilerCache, CountersAreReadFromTheCachesOwnFolder) {
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(0, "direct_cache_hit\t4\ncache_miss\t1\n"));
  std::optional<CacheStats> stats = read_cache_stats(runner, {"/usr/bin/ccache", "/g/ccache"});
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->reused, 4);
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.command_lines().at(0), "/usr/bin/ccache --print-stats");
  EXPECT_EQ(runner.calls[0].spec.env.at(0), "CCACHE_DIR=/g/ccache");
  runner.then(FakeProcessRunner::exited(1, "", "ccache: error"));
  EXPECT_FALSE(read_cache_stats(runner, {"/usr/bin/ccache", "/g/ccache"}));
}

TEST(CompilerCache, ABatchSharesOneOnlyWhereTestsCannotRewriteIt) {
  EXPECT_EQ(compiler_cache_refusal(false, true, true), "");
  EXPECT_NE(compiler_cache_refusal(true, true, true).find("--no-compiler-cache"),
            std::string::npos);
  EXPECT_NE(compiler_cache_refusal(false, false, true).find("apt-get install ccache"),
            std::string::npos);
  EXPECT_NE(compiler_cache_refusal(false, true, false).find("advisory"), std::string::npos);
}

}  // namespace
}  // namespace grader
