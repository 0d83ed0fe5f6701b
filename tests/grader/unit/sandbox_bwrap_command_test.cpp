#include "sandbox/bwrap_command.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

using Args = std::vector<std::string>;

BwrapSettings merged_usr(bool as_root) {
  BwrapSettings settings;
  settings.bwrap = "/usr/bin/bwrap";
  settings.as_root = as_root;
  settings.system = {{"/usr", {}}, {"/etc", {}}, {"/bin", "usr/bin"}, {"/lib64", "usr/lib64"}};
  return settings;
}

SandboxView harness_like_view() {
  SandboxView view;
  view.read_only = {"/kit", "/ws/build/pipe_student"};
  view.writable = {"/ws/runs/pipe.wire.1"};
  view.shm_dir = "/ws/runs/pipe.wire.1.shm";
  return view;
}

TEST(BwrapCommandTest, AsRootTheHarnessKeepsRootInAllNamespacesButTheUserOne) {
  Args args = bwrap_arguments(merged_usr(true), harness_like_view(), "/ws/runs/pipe.wire.1");
  EXPECT_EQ(args, (Args{"--unshare-pid",
                        "--unshare-ipc",
                        "--unshare-net",
                        "--unshare-uts",
                        "--die-with-parent",
                        "--new-session",
                        "--ro-bind",
                        "/usr",
                        "/usr",
                        "--ro-bind",
                        "/etc",
                        "/etc",
                        "--symlink",
                        "usr/bin",
                        "/bin",
                        "--symlink",
                        "usr/lib64",
                        "/lib64",
                        "--proc",
                        "/proc",
                        "--dev",
                        "/dev",
                        "--tmpfs",
                        "/tmp",
                        "--bind",
                        "/ws/runs/pipe.wire.1.shm",
                        "/dev/shm",
                        "--mqueue",
                        "/dev/mqueue",
                        "--ro-bind",
                        "/kit",
                        "/kit",
                        "--ro-bind",
                        "/ws/build/pipe_student",
                        "/ws/build/pipe_student",
                        "--bind",
                        "/ws/runs/pipe.wire.1",
                        "/ws/runs/pipe.wire.1",
                        "--remount-ro",
                        "/",
                        "--chdir",
                        "/ws/runs/pipe.wire.1",
                        "--"}));
}

TEST(BwrapCommandTest, WithoutRootAUserNamespaceIsMadeAndNoFurtherOneAllowed) {
  Args args = bwrap_arguments(merged_usr(false), harness_like_view(), "/w");
  ASSERT_GE(args.size(), 6u);
  EXPECT_EQ(Args(args.begin() + 4, args.begin() + 6), (Args{"--unshare-user", "--disable-userns"}));
}

TEST(BwrapCommandTest, ABuildGetsOnlyDevNullAndAPrivateShm) {
  SandboxView view;
  view.read_only = {"/course/exercises"};
  view.writable = {"/ws/build"};
  view.full_dev = false;
  Args args = bwrap_arguments(merged_usr(true), view, "");
  std::string line;
  for (const std::string& arg : args)
    line += arg + " ";
  EXPECT_NE(line.find("--tmpfs /dev --dev-bind /dev/null /dev/null --tmpfs /tmp --tmpfs /dev/shm "),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find("--dev /dev"), std::string::npos) << "no /dev/zero to #include";
  EXPECT_EQ(line.find("--chdir"), std::string::npos);
  EXPECT_EQ(args.back(), "--");
}

TEST(BwrapCommandTest, WrappingKeepsEnvironmentLimitsDescriptorsAndCgroups) {
  ipclab::exec::ProcessSpec inner;
  inner.executable = "/kit/pipe_harness";
  inner.args = {"--gtest_filter=pipe.wire"};
  inner.env = {"PATH=/usr/bin:/bin", "IPCLAB_RESULT_FD=3"};
  inner.working_dir = "/ws/runs/pipe.wire.1";
  inner.limits.cpu_time = std::chrono::seconds(5);
  inner.cgroups = {"/sys/fs/cgroup/pids/ipclab/g1-1/cgroup.procs"};
  inner.fds = {{7, 4}};
  ipclab::exec::ProcessSpec outer = wrap_in_bwrap(inner, merged_usr(true), harness_like_view());
  EXPECT_EQ(outer.executable, "/usr/bin/bwrap");
  ASSERT_GE(outer.args.size(), 3u);
  EXPECT_EQ(Args(outer.args.end() - 3, outer.args.end()),
            (Args{"--", "/kit/pipe_harness", "--gtest_filter=pipe.wire"}));
  EXPECT_EQ(outer.env, inner.env) << "bwrap hands its (clean) environment on";
  EXPECT_EQ(outer.working_dir, inner.working_dir);
  EXPECT_EQ(outer.limits.cpu_time, inner.limits.cpu_time);
  EXPECT_EQ(outer.cgroups, inner.cgroups);
  ASSERT_EQ(outer.fds.size(), 1u);
  EXPECT_EQ(outer.fds[0].child_fd, 4);
}

}  // namespace
}  // namespace grader
