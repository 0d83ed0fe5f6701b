#pragma once
// The compiler cache of a batch: ccache, shared by every workspace under one
// work dir, so a student file identical to one compiled before (the starter
// file, a classmate's, the same file in an earlier run) is not compiled again.
//
// Shared only where a test cannot write it (a bubblewrap view without it, or
// drivers under a uid of their own; the folder is 0700): what it holds is
// written by ccache and the compiler, never by student code. A workspace
// compiles with paths relative to its own folder (ccache's base_dir) and
// debug info under /submission (cmake/workspace/CMakeLists.txt), so the same
// file hashes alike in every workspace and no object names another student's
// folder.

#include <filesystem>
#include <optional>
#include <string>

#include "exec/process_runner.hpp"

namespace grader {

struct CompilerCache {
  std::filesystem::path ccache;  ///< the program
  std::filesystem::path dir;     ///< its cache (CCACHE_DIR)
};

/// Creates `cache.dir` (mode 0700, so no test's uid can reach it) with its
/// settings: a size cap, beyond which the least recently used go. Throws
/// GraderError when it cannot.
void prepare_compiler_cache(const CompilerCache& cache);

struct CacheStats {
  long long reused = 0;    ///< compiles answered from the cache
  long long compiled = 0;  ///< compiles that ran (and were stored)
};

/// Parses `ccache --print-stats` (one "name<TAB>count" per line).
CacheStats parse_cache_stats(const std::string& text);

/// The counters of `cache` (since it was made or zeroed); nullopt when ccache failed.
std::optional<CacheStats> read_cache_stats(ipclab::exec::ProcessRunner& runner,
                                           const CompilerCache& cache);

/// Why a batch grades without the compiler cache, or "" when it may share
/// one: it was turned off, ccache is missing, or a test could write it.
std::string compiler_cache_refusal(bool turned_off, bool ccache_found,
                                   bool tests_cannot_write_grader_files);

}  // namespace grader
