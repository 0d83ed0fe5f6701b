#include "../scratch_path.hpp"
#include "sandbox/cgroup.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(CgroupTest, StaleRunCgroupsOfDeadGradersAreRemovedAndLiveOnesKept) {
  fs::path root = scratch_path("cgroup_test");
  fs::remove_all(root);
  fs::path parent = root / "pids" / "ipclab";
  const std::string live = "g" + std::to_string(::getpid()) + "-3";
  const std::string dead = "g2147483600-1";  // above any pid_max: no such process
  fs::create_directories(parent / live);
  fs::create_directories(parent / dead);
  fs::create_directories(parent / "unrelated");
  CgroupSupport support{1, root, true, false, ""};
  EXPECT_EQ(remove_stale_cgroups(support), 1);
  EXPECT_TRUE(fs::exists(parent / live));
  EXPECT_FALSE(fs::exists(parent / dead));
  EXPECT_TRUE(fs::exists(parent / "unrelated")) << "only the grader's own naming is touched";
}

TEST(CgroupTest, DescribesWhatIsUsable) {
  EXPECT_EQ((CgroupSupport{1, "/sys/fs/cgroup", true, true, ""}.describe()),
            "cgroup v1 (pids, memory)");
  EXPECT_EQ((CgroupSupport{2, "/sys/fs/cgroup", true, false, ""}.describe()), "cgroup v2 (pids)");
  EXPECT_EQ((CgroupSupport{0, "/sys/fs/cgroup", false, false, "x"}.describe()), "none");
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The limits a v2 run writes (the kernel's enforcement of them runs only on a
// machine where pids and memory are v2 controllers: CgroupV2OnThisKernel).
TEST(CgroupTest, AV2RunWritesItsTreeLimitsIntoItsOwnCgroup) {
  fs::path root = fs::path(::testing::TempDir()) / "cgroup_v2_files";
  fs::remove_all(root);
  fs::create_directories(root / "ipclab");
  const fs::path dir = root / "ipclab" / "g1-7";
  {
    RunCgroup cgroup({2, root, true, true, ""}, "g1-7", {64, 256ull << 20});
    EXPECT_EQ(cgroup.procs_files(), std::vector<fs::path>{dir / "cgroup.procs"});
    EXPECT_EQ(slurp(dir / "pids.max"), "64");
    EXPECT_EQ(slurp(dir / "memory.max"), "268435456");
    EXPECT_EQ(slurp(dir / "memory.swap.max"), "0") << "swap would let a run exceed its memory";
  }
  RunCgroup unlimited({2, root, true, true, ""}, "g1-8", {});
  EXPECT_FALSE(fs::exists(root / "ipclab" / "g1-8" / "pids.max")) << "0 leaves a limit unset";
}

}  // namespace
}  // namespace grader
