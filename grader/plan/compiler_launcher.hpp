#pragma once
// What a build plan knows of a compiler cache: the ccache program and the
// folder it caches in. A value: who owns the folder, how it is made and how its
// counters are read belong to compile/compiler_cache.hpp, which plans never see.

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

/// Compiles go through `ccache`, which caches in `dir`.
struct CompilerLauncher {
  std::filesystem::path ccache;  ///< the program
  std::filesystem::path dir;     ///< its cache (CCACHE_DIR)
};

/// The settings of every ccache run on `cache_dir` ("NAME=value"): the
/// folder, a size cap (least recently used go first) and no configuration
/// file (a system-wide /etc/ccache.conf must not change a grade).
std::vector<std::string> ccache_environment(const std::filesystem::path& cache_dir);

/// The compiler launcher of a workspace in `base_dir` that compiles through
/// `launcher`, as a CMake list: env, ccache's settings with `base_dir` as its
/// base_dir (so a file hashes alike in every workspace), ccache.
std::string launcher_list(const CompilerLauncher& launcher, const std::filesystem::path& base_dir);

}  // namespace grader
