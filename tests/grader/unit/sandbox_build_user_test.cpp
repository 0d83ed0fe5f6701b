// The build user: its uid (past every uid a test run gets), handing it the
// build folder without following links, and the check that it can read what
// a compile reads.
#include "sandbox/build_user.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::Credentials;

/// A uid that owns nothing here, as the build user of the checks.
const Credentials kStranger{0x7ffd0800, 0x7ffd0800};

fs::path fresh_dir(const std::string& name) {
  fs::path dir = scratch_path("build_user_test") / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  ::chmod(dir.parent_path().c_str(), 0755);
  ::chmod(dir.c_str(), 0755);
  return dir;
}

uid_t owner_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_uid;
}

TEST(BuildUserTest, ItIsPastTheTestRunsAndTheReferenceDriversUids) {
  Credentials user = build_user_of({kFirstSlotUid, kSlotCount});
  EXPECT_EQ(user.uid, 0x7ffd0800u);
  EXPECT_EQ(user.gid, 0x7ffd0800u);
  Credentials small = build_user_of({1000000, 4});
  EXPECT_EQ(small.uid, 1000008u) << "after 4 test slots and 4 reference slots";
}

TEST(BuildUserTest, MovesWithTheUidBase) {
  ::setenv("IPCLAB_UID_BASE", "3000000", 1);
  Credentials user = build_user_of(configured_uid_range());
  ::unsetenv("IPCLAB_UID_BASE");
  EXPECT_EQ(user.uid, 3000000u + 2 * kSlotCount);
}

TEST(BuildUserTest, PastTheUidSpaceIsTheGradersError) {
  try {
    build_user_of({0xffffffffu - 1500, kSlotCount});
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_NE(std::string(e.what()).find("choose a lower IPCLAB_UID_BASE"), std::string::npos)
        << e.what();
  }
}

TEST(BuildUserTest, OnlyRootCompilesAsTheBuildUser) {
  std::optional<Credentials> user = build_user_for_this_process();
  EXPECT_EQ(user.has_value(), ::geteuid() == 0);
}

TEST(BuildUserTest, HandingOverTheBuildFolderFollowsNoLink) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root can give files to another uid";
  fs::path dir = fresh_dir("hand_over");
  fs::path outside = dir / "outside";
  std::ofstream(outside) << "root's\n";
  fs::path build = dir / "build";
  fs::create_directories(build / "CMakeFiles" / "deep");
  std::ofstream(build / "CMakeFiles" / "deep" / "x.o") << "object\n";
  fs::create_symlink(outside, build / "link_to_outside");
  fs::create_directory_symlink(dir, build / "link_to_parent");
  hand_over_tree(build, kStranger);
  for (const fs::path& path : {build, build / "CMakeFiles", build / "CMakeFiles" / "deep",
                               build / "CMakeFiles" / "deep" / "x.o", build / "link_to_outside",
                               build / "link_to_parent"}) {
    EXPECT_EQ(owner_of(path), kStranger.uid) << path;
  }
  EXPECT_EQ(owner_of(outside), 0u) << "a link's target is not the build user's";
  EXPECT_EQ(owner_of(dir), 0u);
}

TEST(BuildUserTest, HandingOverAFolderThatIsALinkIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root can give files to another uid";
  fs::path dir = fresh_dir("hand_over_link");
  fs::create_directory_symlink(dir.parent_path(), dir / "build");
  EXPECT_THROW(hand_over_tree(dir / "build", kStranger), GraderError);
  EXPECT_EQ(owner_of(dir.parent_path()), 0u);
}

TEST(BuildUserTest, AFileOfTheCourseItCannotReadNamesItsFolderAndTheFix) {
  fs::path course = fresh_dir("unreadable_file");
  fs::create_directories(course / "exercises" / "pipe");
  ::chmod((course / "exercises").c_str(), 0755);
  std::ofstream(course / "exercises" / "pipe" / "pipe.hpp") << "int x;\n";
  ::chmod((course / "exercises" / "pipe" / "pipe.hpp").c_str(), 0600);
  BuildReads reads{{course / "exercises"}, {}, false};
  EXPECT_EQ(build_user_access_problem(reads, kStranger),
            "compiles run as the unprivileged uid 2147289088 (the grader is root), which cannot "
            "read " +
                (course / "exercises" / "pipe" / "pipe.hpp").string() + ": run `chmod -R o+rX " +
                (course / "exercises").string() + "`");
  ::chmod((course / "exercises" / "pipe" / "pipe.hpp").c_str(), 0644);
  EXPECT_EQ(build_user_access_problem(reads, kStranger), "");
}

TEST(BuildUserTest, AFolderAboveItCannotEnterMattersOnlyWithoutAView) {
  fs::path home = fresh_dir("closed_home");
  fs::create_directories(home / "course" / "exercises");
  ::chmod(home.c_str(), 0700);
  BuildReads reads{{home / "course" / "exercises"}, {}, true};
  EXPECT_EQ(build_user_access_problem(reads, kStranger),
            "compiles run as the unprivileged uid 2147289088 (the grader is root), which cannot "
            "enter " +
                home.string() + ": run `chmod o+x " + home.string() + "`");
  reads.parents = false;
  EXPECT_EQ(build_user_access_problem(reads, kStranger), "")
      << "bubblewrap makes the folders above a bound path itself";
}

TEST(BuildUserTest, AFolderItOwnsIsItsOwnEvenWhenPrivate) {
  fs::path cache = fresh_dir("private_cache");
  ::chmod(cache.c_str(), 0700);
  Credentials me{::getuid(), ::getgid()};
  EXPECT_EQ(build_user_access_problem({{}, {cache}, true}, me), "");
  EXPECT_NE(build_user_access_problem({{}, {cache}, true}, kStranger), "");
}

}  // namespace
}  // namespace grader
