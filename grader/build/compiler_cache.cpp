#include "build/compiler_cache.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::ProcessResult;

/// A class of 300 compiles to ~1 GiB of objects (with debug info, both
/// builds); beyond the cap ccache drops the least recently used.
constexpr const char* kSettings =
    "# Written by the grader: the compiler cache shared by its workspaces.\n"
    "max_size = 4G\n";

ProcessResult run_ccache(ipclab::exec::ProcessRunner& runner, const CompilerCache& cache,
                         const std::string& argument) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = cache.ccache;
  spec.args = {argument};
  spec.env = {"CCACHE_DIR=" + cache.dir.string(),
              "CCACHE_CONFIGPATH=" + (cache.dir / "ccache.conf").string(), "PATH=/usr/bin:/bin"};
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::seconds(60);
  return runner.run(spec, options);
}

bool succeeded(const ProcessResult& result) {
  return result.termination == ipclab::exec::Termination::exited && result.status.exit_code == 0;
}

}  // namespace

void prepare_compiler_cache(const CompilerCache& cache) {
  std::error_code ec;
  fs::create_directories(cache.dir, ec);
  if (ec || ::chmod(cache.dir.c_str(), 0700) != 0) {
    throw GraderError("cannot create the compiler cache " + cache.dir.string() +
                      (ec ? ": " + ec.message() : ""));
  }
  const fs::path settings = cache.dir / "ccache.conf";
  std::ifstream current(settings);
  std::stringstream text;
  text << current.rdbuf();
  if (text.str() == kSettings) return;
  std::ofstream out(settings, std::ios::trunc);
  out << kSettings;
  if (!out) throw GraderError("cannot write " + settings.string());
}

CacheStats parse_cache_stats(const std::string& text) {
  CacheStats stats;
  std::istringstream lines(text);
  std::string name;
  long long count = 0;
  while (lines >> name >> count) {
    if (name == "direct_cache_hit" || name == "preprocessed_cache_hit") stats.reused += count;
    if (name == "cache_miss") stats.compiled += count;
  }
  return stats;
}

std::optional<CacheStats> read_cache_stats(ipclab::exec::ProcessRunner& runner,
                                           const CompilerCache& cache) {
  ProcessResult result = run_ccache(runner, cache, "--print-stats");
  if (!succeeded(result)) return std::nullopt;
  return parse_cache_stats(result.out);
}

std::string compiler_cache_refusal(bool turned_off, bool ccache_found,
                                   bool tests_cannot_write_grader_files) {
  if (turned_off) return "turned off (--no-compiler-cache)";
  if (!ccache_found) return "ccache is not installed (sudo apt-get install ccache)";
  if (!tests_cannot_write_grader_files) {
    return "the sandbox is advisory, so a test could rewrite the cache (run `grader doctor`)";
  }
  return "";
}

}  // namespace grader
