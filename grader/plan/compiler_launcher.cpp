#include "plan/compiler_launcher.hpp"

namespace grader {

std::vector<std::string> ccache_environment(const std::filesystem::path& cache_dir) {
  // A class of 300 compiles to ~1 GB of objects (with debug info, both builds).
  return {"CCACHE_DIR=" + cache_dir.string(), "CCACHE_CONFIGPATH=/dev/null", "CCACHE_MAXSIZE=4G"};
}

std::string launcher_list(const CompilerLauncher& launcher, const std::filesystem::path& base_dir) {
  std::string list = "/usr/bin/env";
  for (const std::string& variable : ccache_environment(launcher.dir))
    list += ";" + variable;
  return list + ";CCACHE_BASEDIR=" + base_dir.string() + ";" + launcher.ccache.string();
}

}  // namespace grader
