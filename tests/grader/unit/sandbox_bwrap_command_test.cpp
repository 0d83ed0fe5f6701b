#include "sandbox/bwrap_command.hpp"

#include <algorithm>

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

TEST(BwrapCommandTest, ABuildSeesOfEtcOnlyTheEntriesItNames) {
  SandboxView view;
  view.etc_entries = std::vector<std::filesystem::path>{"/etc/alternatives"};
  Args args = bwrap_arguments(merged_usr(true), view, "");
  EXPECT_EQ(Args(args.begin() + 6, args.begin() + 20),
            (Args{"--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink",
                  "usr/lib64", "/lib64", "--perms", "0755", "--dir", "/etc", "--ro-bind-try"}));
  EXPECT_EQ(Args(args.begin() + 20, args.begin() + 22),
            (Args{"/etc/alternatives", "/etc/alternatives"}));
  EXPECT_EQ(std::count(args.begin(), args.end(), "/etc"), 1) << "not all of /etc";
}

/// A compile of the build user's, as the builder asks for it.
ipclab::exec::ProcessSpec compile_as_build_user() {
  ipclab::exec::ProcessSpec inner;
  inner.executable = "/usr/bin/cmake";
  inner.args = {"--build", "/g/ws/build"};
  inner.working_dir = "/g/ws/build";
  inner.run_as = ipclab::exec::Credentials{2147289088, 2147289088};
  return inner;
}

TEST(BwrapCommandTest, AsRootTheUserToRunAsIsTakenOnInsideWithSetpriv) {
  SandboxView view;
  view.read_only = {"/course/exercises", "/g/ws"};
  view.writable = {"/g/ws/build"};
  view.full_dev = false;
  view.etc_entries = std::vector<std::filesystem::path>{};
  ipclab::exec::ProcessSpec outer = wrap_in_bwrap(compile_as_build_user(), merged_usr(true), view);
  EXPECT_FALSE(outer.run_as) << "bwrap needs root to set up its namespaces";
  EXPECT_EQ(outer.args, (Args{"--unshare-pid",
                              "--unshare-ipc",
                              "--unshare-net",
                              "--unshare-uts",
                              "--die-with-parent",
                              "--new-session",
                              "--ro-bind",
                              "/usr",
                              "/usr",
                              "--symlink",
                              "usr/bin",
                              "/bin",
                              "--symlink",
                              "usr/lib64",
                              "/lib64",
                              "--perms",
                              "0755",
                              "--dir",
                              "/etc",
                              "--proc",
                              "/proc",
                              "--tmpfs",
                              "/dev",
                              "--dev-bind",
                              "/dev/null",
                              "/dev/null",
                              "--perms",
                              "1777",
                              "--tmpfs",
                              "/tmp",
                              "--tmpfs",
                              "/dev/shm",
                              "--mqueue",
                              "/dev/mqueue",
                              "--perms",
                              "0755",
                              "--dir",
                              "/course",
                              "--perms",
                              "0755",
                              "--dir",
                              "/g",
                              "--ro-bind",
                              "/course/exercises",
                              "/course/exercises",
                              "--ro-bind",
                              "/g/ws",
                              "/g/ws",
                              "--bind",
                              "/g/ws/build",
                              "/g/ws/build",
                              "--remount-ro",
                              "/",
                              "--chdir",
                              "/g/ws/build",
                              "--",
                              "/usr/bin/setpriv",
                              "--reuid=2147289088",
                              "--regid=2147289088",
                              "--clear-groups",
                              "--inh-caps=-all",
                              "--bounding-set=-all",
                              "--no-new-privs",
                              "--",
                              "/usr/bin/cmake",
                              "--build",
                              "/g/ws/build"}));
}

TEST(BwrapCommandTest, WithoutRootTheUserToRunAsStaysWithTheRunner) {
  ipclab::exec::ProcessSpec inner = compile_as_build_user();
  ipclab::exec::ProcessSpec outer = wrap_in_bwrap(inner, merged_usr(false), harness_like_view());
  ASSERT_TRUE(outer.run_as);
  EXPECT_EQ(outer.run_as->uid, inner.run_as->uid);
  EXPECT_EQ(std::count(outer.args.begin(), outer.args.end(), "/usr/bin/setpriv"), 0);
  EXPECT_EQ(std::count(outer.args.begin(), outer.args.end(), "--perms"), 0);
}

TEST(BwrapCommandTest, ATestRunsViewIsUnchangedByTheBuildUser) {
  ipclab::exec::ProcessSpec inner;
  inner.executable = "/kit/pipe_harness";
  ipclab::exec::ProcessSpec outer = wrap_in_bwrap(inner, merged_usr(true), harness_like_view());
  Args expected = bwrap_arguments(merged_usr(true), harness_like_view(), "");
  expected.push_back("/kit/pipe_harness");
  EXPECT_EQ(outer.args, expected) << "the harness stays root and drops its drivers itself";
}

}  // namespace
}  // namespace grader
