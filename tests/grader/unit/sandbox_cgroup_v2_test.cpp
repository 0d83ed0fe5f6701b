// The cgroup v2 path on the real kernel: a run's cgroup is made under the
// ipclab parent, a tree that detached itself (setsid) is killed whole through
// cgroup.kill, the cgroup is removed, and a dead grader's cgroup is swept.
// Runs on any cgroup2 mount (a v2-only machine, or the unified hierarchy of
// a hybrid one, where pids and memory may be bound to v1: then the limits
// part is skipped, the mechanics still run). Skipped without root or cgroup2.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "sandbox/cgroup.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// The first cgroup2 mount point in /proc/mounts, or "".
fs::path cgroup2_mount() {
  std::ifstream mounts("/proc/mounts");
  for (std::string device, point, type, rest; mounts >> device >> point >> type;) {
    std::getline(mounts, rest);
    if (type == "cgroup2") return point;
  }
  return {};
}

#define REQUIRE_CGROUP2(root)                                               \
  fs::path root = cgroup2_mount();                                          \
  if (root.empty()) GTEST_SKIP() << "no cgroup2 hierarchy is mounted here"; \
  if (::geteuid() != 0) GTEST_SKIP() << "making cgroups here needs root"

int count_pids(const fs::path& procs) {
  std::ifstream in(procs);
  int count = 0;
  for (pid_t pid; in >> pid;)
    ++count;
  return count;
}

/// Forks a process that joins `procs`, then starts `children` processes that
/// each leave its session (setsid), and all wait forever. The child calls
/// only async-signal-safe functions: an earlier test's thread may hold the
/// allocator's lock at the fork (a stream would then hang the child, and the
/// count below never come).
pid_t start_detached_tree(const fs::path& procs, int children) {
  const std::string path = procs.string();
  pid_t leader = ::fork();
  if (leader == 0) {
    char digits[16];
    char* end = digits + sizeof digits;
    char* start = end;
    for (pid_t pid = ::getpid(); pid > 0; pid /= 10)
      *--start = static_cast<char>('0' + pid % 10);
    int fd = ::open(path.c_str(), O_WRONLY);
    if (fd < 0 || ::write(fd, start, static_cast<std::size_t>(end - start)) < 0) ::_exit(1);
    ::close(fd);
    for (int i = 0; i < children; ++i) {
      if (::fork() == 0) {
        ::setsid();
        for (;;)
          ::pause();
      }
    }
    for (;;)
      ::pause();
  }
  return leader;
}

bool wait_for_count(const fs::path& procs, int expected) {
  for (auto end = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < end;) {
    if (count_pids(procs) == expected) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(CgroupV2OnThisKernel, DetectionMakesTheParentAndSaysWhichControllersItHas) {
  REQUIRE_CGROUP2(root);
  CgroupSupport support = detect_cgroups(root);
  EXPECT_EQ(support.version, 2);
  EXPECT_TRUE(fs::is_directory(root / "ipclab"));
  if (!support.pids || !support.memory) {
    EXPECT_NE(support.note.find("pids/memory are not all available"), std::string::npos)
        << support.note;
  }
}

TEST(CgroupV2OnThisKernel, ARunsDetachedTreeIsKilledWholeAndItsCgroupRemoved) {
  REQUIRE_CGROUP2(root);
  detect_cgroups(root);  // makes the ipclab parent
  const std::string name = "g" + std::to_string(::getpid()) + "-v2test";
  fs::path dir = root / "ipclab" / name;
  pid_t leader = 0;
  {
    // Controllers claimed so the v2 branch runs; limits 0 write nothing.
    RunCgroup cgroup({2, root, true, true, ""}, name, {});
    ASSERT_EQ(cgroup.procs_files(), std::vector<fs::path>{dir / "cgroup.procs"});
    leader = start_detached_tree(dir / "cgroup.procs", 5);
    ASSERT_TRUE(wait_for_count(dir / "cgroup.procs", 6)) << count_pids(dir / "cgroup.procs");
    EXPECT_EQ(cgroup.kill_all(0ms, 10s), 6);
    ::waitpid(leader, nullptr, 0);
    EXPECT_EQ(count_pids(dir / "cgroup.procs"), 0) << "a setsid() child outlived cgroup.kill";
  }
  EXPECT_FALSE(fs::exists(dir)) << "the run's cgroup was not removed";
}

TEST(CgroupV2OnThisKernel, TheCgroupOfADeadGraderIsEmptiedAndRemoved) {
  REQUIRE_CGROUP2(root);
  detect_cgroups(root);
  fs::path stale = root / "ipclab" / "g2147483600-1";  // above any pid_max: no such grader
  ASSERT_TRUE(fs::create_directories(stale) || fs::is_directory(stale));
  pid_t leader = start_detached_tree(stale / "cgroup.procs", 2);
  ASSERT_TRUE(wait_for_count(stale / "cgroup.procs", 3));
  EXPECT_EQ(remove_stale_cgroups({2, root, true, true, ""}), 1);
  ::waitpid(leader, nullptr, 0);
  EXPECT_FALSE(fs::exists(stale));
}

TEST(CgroupV2OnThisKernel, ThePidsLimitStopsAForkWhereTheControllerIsOnV2) {
  REQUIRE_CGROUP2(root);
  CgroupSupport support = detect_cgroups(root);
  if (!support.pids) GTEST_SKIP() << "pids is not a v2 controller here: " << support.note;
  const std::string name = "g" + std::to_string(::getpid()) + "-v2pids";
  RunCgroup cgroup(support, name, {4, 0});
  pid_t leader = start_detached_tree(cgroup.procs_files().at(0), 10);
  std::this_thread::sleep_for(500ms);
  EXPECT_LE(count_pids(cgroup.procs_files().at(0)), 4);
  EXPECT_TRUE(cgroup.hit_process_limit());
  cgroup.kill_all(0ms, 10s);
  ::waitpid(leader, nullptr, 0);
}

}  // namespace
}  // namespace grader
