#pragma once
// The compiler cache of a batch: ccache, shared by every workspace under one
// work dir, so a student file identical to one compiled before (the starter
// file, a classmate's, the same file in an earlier run) is not compiled again.
//
// Shared only where a test cannot write it (a bubblewrap view without it, or
// drivers under a uid of their own; the folder is 0700, and as root the build
// user's): what it holds is written by ccache and the compiler, never by
// student code. Its settings come from the environment of every ccache run
// (ccache_environment()), not from a file in the folder the compiles write. A workspace compiles
// with paths relative to its own folder (ccache's base_dir) and debug info under /submission
// (cmake/workspace/CMakeLists.txt), so the same file hashes alike in every workspace and no object
// names another student's folder.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exec/process_runner.hpp"
#include "plan/compiler_launcher.hpp"

namespace grader {

/// A cache made for this run: what a plan knows of it (CompilerLauncher, to
/// which it slices into a Toolchain) and who owns it.
struct CompilerCache : CompilerLauncher {
  /// Who owns the folder and runs every ccache on it: the build user when
  /// the grader is root (build_user.hpp); nullopt: the grader's user.
  std::optional<ipclab::exec::Credentials> owner;
};

/// What decides whether a session may compile through a shared cache.
struct CacheSituation {
  bool turned_off = false;                       ///< --no-compiler-cache
  std::optional<std::filesystem::path> ccache;   ///< found on $PATH
  bool tests_cannot_write_grader_files = false;  ///< Sandbox::tests_cannot_write_grader_files()
};

/// Why a session compiles without the cache, or "" when it may share one.
/// ccache must be the system's (under /usr): the build sandbox shows no other.
std::string compiler_cache_refusal(const CacheSituation& situation);

/// The cache in `dir` when `situation` allows one (the folder made, mode
/// 0700, so no test's uid can reach the objects; as root, it and everything
/// in it given to the build user, who compiles); otherwise nullopt and the
/// reason in `refusal`. Throws GraderError when the folder cannot be made.
std::optional<CompilerCache> open_compiler_cache(const std::filesystem::path& dir,
                                                 const CacheSituation& situation,
                                                 std::string& refusal);

struct CacheStats {
  long long reused = 0;    ///< compiles answered from the cache
  long long compiled = 0;  ///< compiles that ran (and were stored)
};

/// Parses `ccache --print-stats` (one "name<TAB>count" per line).
CacheStats parse_cache_stats(const std::string& text);

/// The counters of `cache` (since it was made), read as its owner (a file
/// ccache makes stays the compiles') from inside the folder (the path to it
/// may be closed to that user); nullopt when ccache failed.
std::optional<CacheStats> read_cache_stats(ipclab::exec::ProcessRunner& runner,
                                           const CompilerCache& cache);

/// "compiler cache: R of N compiles reused (DIR)", in the grader's language:
/// what `cache` did between the counters `before` and `after` (runs sharing
/// the folder meanwhile count too); "" when either is unknown.
std::string cache_use_line(const CompilerCache& cache, const std::optional<CacheStats>& before,
                           const std::optional<CacheStats>& after);

}  // namespace grader
