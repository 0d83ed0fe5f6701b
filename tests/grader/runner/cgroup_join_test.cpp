// ProcessSpec::cgroups: the child joins the cgroups before exec, so the whole
// tree it starts is counted there; a cgroup that cannot be joined is an error
// of the launch, never a run without limits.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/process_runner.hpp"

namespace ipclab::exec {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

/// A fresh pids cgroup of this test (v1 or v2), or "" with the reason in `why`.
fs::path make_test_cgroup(std::string& why) {
  const std::string name = "ipclab-runner-test-" + std::to_string(::getpid());
  for (const fs::path& parent : {fs::path("/sys/fs/cgroup/pids"), fs::path("/sys/fs/cgroup")}) {
    std::error_code ec;
    if (!fs::exists(parent / "cgroup.procs", ec)) continue;
    if (::mkdir((parent / name).c_str(), 0755) == 0) return parent / name;
    why = "cannot create a cgroup in " + parent.string() + " (needs root)";
    return {};
  }
  why = "no cgroup hierarchy at /sys/fs/cgroup";
  return {};
}

TEST(CgroupJoin, TheChildRunsInTheCgroupFromItsFirstInstruction) {
  std::string why;
  fs::path cgroup = make_test_cgroup(why);
  if (cgroup.empty()) GTEST_SKIP() << why;
  ProcessSpec spec;
  spec.executable = "/bin/cat";
  spec.args = {"/proc/self/cgroup"};
  spec.cgroups = {cgroup / "cgroup.procs"};
  RunOptions options;
  options.wall_time = std::chrono::seconds(10);
  ProcessResult result = SystemProcessRunner().run(spec, options);
  ::rmdir(cgroup.c_str());
  EXPECT_EQ(result.status.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(cgroup.filename().string()));
}

TEST(CgroupJoin, ACgroupThatCannotBeJoinedStopsTheLaunch) {
  ProcessSpec spec;
  spec.executable = "/bin/true";
  spec.cgroups = {"/nonexistent/ipclab/cgroup.procs"};
  try {
    SystemProcessRunner().run(spec, {});
    FAIL() << "the program ran without its cgroup";
  } catch (const std::system_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open /nonexistent/ipclab/cgroup.procs"));
  }
}

}  // namespace
}  // namespace ipclab::exec
