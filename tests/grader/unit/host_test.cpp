// The host module: programs on $PATH, whole-file reads, the environment.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "host/environment.hpp"
#include "host/file_contents.hpp"
#include "host/program_search.hpp"

namespace ipclab::host {
namespace {

namespace fs = std::filesystem;

class HostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "a");
    fs::create_directories(dir_ / "b");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const fs::path& path, const std::string& text, mode_t mode = 0644) {
    std::ofstream(path, std::ios::binary) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }

  const fs::path dir_ = scratch_path("host_test");
};

TEST_F(HostTest, FindsAProgramInTheFirstFolderThatHasItExecutable) {
  write(dir_ / "a" / "tool", "not executable");
  write(dir_ / "b" / "tool", "#!/bin/sh\n", 0755);
  const std::string folders = (dir_ / "a").string() + ":" + (dir_ / "b").string();
  EXPECT_EQ(find_program("tool", folders), dir_ / "b" / "tool");
  write(dir_ / "a" / "tool", "#!/bin/sh\n", 0755);
  EXPECT_EQ(find_program("tool", folders), dir_ / "a" / "tool");
  EXPECT_EQ(find_program("missing", folders), std::nullopt);
}

TEST_F(HostTest, NeverSearchesTheCurrentFolderForAnEmptyEntry) {
  write(dir_ / "a" / "tool", "#!/bin/sh\n", 0755);
  const fs::path before = fs::current_path();
  fs::current_path(dir_ / "a");
  std::optional<fs::path> found = find_program("tool", ":/nonexistent::");
  fs::current_path(before);
  EXPECT_EQ(found, std::nullopt) << "a program dropped in the working copy is not run";
}

TEST_F(HostTest, ARelativeFolderGivesAnAbsolutePath) {
  write(dir_ / "a" / "tool", "#!/bin/sh\n", 0755);
  const fs::path before = fs::current_path();
  fs::current_path(dir_);
  std::optional<fs::path> found = find_program("tool", "a");
  fs::current_path(before);
  EXPECT_EQ(found, dir_ / "a" / "tool");
}

TEST(HostSearchPath, IsPathOrTheSystemFolders) {
  const std::string saved = search_path();
  ::unsetenv("PATH");
  EXPECT_EQ(search_path(), "/usr/bin:/bin");
  ::setenv("PATH", "/x:/y", 1);
  EXPECT_EQ(search_path(), "/x:/y");
  ::setenv("PATH", saved.c_str(), 1);
}

TEST_F(HostTest, ReadsAWholeFileByteForByte) {
  const std::string bytes("one\r\ntwo\0three\n", 15);
  EXPECT_EQ(read_file(write(dir_ / "a" / "f", bytes)), bytes);
  EXPECT_EQ(read_file(write(dir_ / "a" / "empty", "")), "") << "empty is not unreadable";
}

TEST_F(HostTest, ReadsAKernelFileThatSaysItIsEmpty) {
  // /proc files have a size of 0 and a content; a reader that trusts the size reads nothing.
  std::optional<std::string> stat = read_file("/proc/self/stat");
  ASSERT_TRUE(stat.has_value());
  EXPECT_EQ(stat->rfind(std::to_string(::getpid()) + " (", 0), 0u) << *stat;
}

TEST_F(HostTest, AFileThatCannotBeReadIsNone) {
  EXPECT_EQ(read_file(dir_ / "a" / "missing"), std::nullopt);
  EXPECT_EQ(read_file(dir_ / "a"), std::nullopt) << "a folder";
}

TEST(HostEnvironment, InheritsOnlyTheNamedVariablesThatAreSet) {
  ::setenv("IPCLAB_HOST_TEST_ONE", "1", 1);
  ::setenv("IPCLAB_HOST_TEST_TWO", "a=b", 1);
  ::unsetenv("IPCLAB_HOST_TEST_UNSET");
  EXPECT_EQ(inherited_environment(
                {"IPCLAB_HOST_TEST_TWO", "IPCLAB_HOST_TEST_UNSET", "IPCLAB_HOST_TEST_ONE"}),
            (std::vector<std::string>{"IPCLAB_HOST_TEST_TWO=a=b", "IPCLAB_HOST_TEST_ONE=1"}));
}

TEST(HostEnvironment, TheCurrentOneHasEveryVariable) {
  ::setenv("IPCLAB_HOST_TEST_ALL", "yes", 1);
  std::vector<std::string> env = current_environment();
  EXPECT_NE(std::find(env.begin(), env.end(), "IPCLAB_HOST_TEST_ALL=yes"), env.end());
  EXPECT_EQ(std::count_if(env.begin(), env.end(),
                          [](const std::string& entry) {
                            return entry.rfind("IPCLAB_HOST_TEST_ALL=", 0) == 0;
                          }),
            1);
}

}  // namespace
}  // namespace ipclab::host
