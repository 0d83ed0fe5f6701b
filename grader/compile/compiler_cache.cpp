#include "compile/compiler_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <sstream>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "sandbox/build_user.hpp"

namespace grader {
namespace fs = std::filesystem;

namespace {

bool owned_by(const fs::path& dir, ipclab::exec::Credentials user) {
  struct stat info {};
  return ::lstat(dir.c_str(), &info) == 0 && info.st_uid == user.uid && info.st_gid == user.gid;
}

}  // namespace

std::string compiler_cache_refusal(const CacheSituation& situation) {
  using ipclab::i18n::tr;
  if (situation.turned_off) return tr("turned off (--no-compiler-cache)");
  if (!situation.ccache) return tr("ccache is not installed (sudo apt-get install ccache)");
  if (situation.ccache->string().rfind("/usr/", 0) != 0) {
    // TRANSLATORS: {} is where ccache was found (/usr/local/bin/ccache)
    return fmt::format(fmt::runtime(tr("ccache at {} is outside what the build sandbox shows "
                                       "(/usr): sudo apt-get install ccache")),
                       situation.ccache->string());
  }
  if (!situation.tests_cannot_write_grader_files) {
    return tr(
        "tests run as the grader's own user here (advisory sandbox), so one could rewrite "
        "the cache (run `grader doctor`)");
  }
  return "";
}

std::optional<CompilerCache> open_compiler_cache(const fs::path& dir,
                                                 const CacheSituation& situation,
                                                 std::string& refusal) {
  refusal = compiler_cache_refusal(situation);
  if (!refusal.empty()) return std::nullopt;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || ::chmod(dir.c_str(), 0700) != 0) {
    throw GraderError("cannot create the compiler cache " + dir.string() +
                      (ec ? ": " + ec.message() : ""));
  }
  CompilerCache cache{{*situation.ccache, fs::absolute(dir)}, build_user_for_this_process()};
  // The compiles write it as the build user; a cache of an older grader
  // (root's) is theirs from now on.
  if (cache.owner && !owned_by(cache.dir, *cache.owner)) hand_over_tree(cache.dir, *cache.owner);
  return cache;
}

CacheStats parse_cache_stats(const std::string& text) {
  CacheStats stats;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string name;
    long long count = 0;
    if (!(fields >> name >> count)) continue;
    if (name == "direct_cache_hit" || name == "preprocessed_cache_hit") stats.reused += count;
    if (name == "cache_miss") stats.compiled += count;
  }
  return stats;
}

std::optional<CacheStats> read_cache_stats(ipclab::exec::ProcessRunner& runner,
                                           const CompilerCache& cache) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = cache.ccache;
  spec.args = {"--print-stats"};
  // Reached from inside: the folders above a work dir (a private temporary
  // folder, a home) may be closed to the build user, whose compiles see the
  // cache through the build sandbox's bind. The grader enters the folder
  // before it becomes that user, so "." is the cache.
  spec.working_dir = cache.dir;
  spec.env = ccache_environment(".");
  spec.env.push_back("PATH=/usr/bin:/bin");
  // ccache wants a home even when told everything else; getpwuid() knows no
  // build user.
  spec.env.push_back("HOME=.");
  spec.run_as = cache.owner;
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::seconds(60);
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  if (!result.succeeded()) return std::nullopt;
  return parse_cache_stats(result.out);
}

std::string cache_use_line(const CompilerCache& cache, const std::optional<CacheStats>& before,
                           const std::optional<CacheStats>& after) {
  if (!before || !after) return "";
  const long long reused = after->reused - before->reused;
  const long long compiled = after->compiled - before->compiled;
  return fmt::format(
      fmt::runtime(ipclab::i18n::tr("compiler cache: {} of {} compiles reused ({})")), reused,
      reused + compiled, cache.dir.string());
}

}  // namespace grader
