// What a build plan knows of a compiler cache: ccache's settings and the
// launcher a workspace compiles through.
#include "plan/compiler_launcher.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(CompilerLauncher, ItsSettingsComeWithEveryRunNotFromAFile) {
  std::vector<std::string> env = ccache_environment("/g/ccache");
  EXPECT_EQ(env.at(0), "CCACHE_DIR=/g/ccache");
  EXPECT_NE(std::find(env.begin(), env.end(), "CCACHE_CONFIGPATH=/dev/null"), env.end())
      << "neither the folder's nor the system's configuration file";
  EXPECT_NE(std::find(env.begin(), env.end(), "CCACHE_MAXSIZE=4G"), env.end());
}

TEST(CompilerLauncher, IsACMakeListWithTheWorkspaceAsBaseDir) {
  EXPECT_EQ(launcher_list({"/usr/bin/ccache", "/g/ccache"}, "/g/ann"),
            "/usr/bin/env;CCACHE_DIR=/g/ccache;CCACHE_CONFIGPATH=/dev/null;CCACHE_MAXSIZE=4G;"
            "CCACHE_BASEDIR=/g/ann;/usr/bin/ccache");
}

}  // namespace
}  // namespace grader
