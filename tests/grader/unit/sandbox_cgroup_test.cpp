#include "sandbox/cgroup.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(CgroupTest, StaleRunCgroupsOfDeadGradersAreRemovedAndLiveOnesKept) {
  fs::path root = fs::path(::testing::TempDir()) / "cgroup_test";
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

}  // namespace
}  // namespace grader
