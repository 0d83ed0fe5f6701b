// The uid slots of test runs (grader/sandbox/uid_slots.hpp) and the sweep of
// what a uid leaves behind (uid_sweep.hpp), on real processes, files and IPC
// objects. Needs root (only root can switch uids); skipped otherwise. Uses
// its own uid range and lock folder, so a grading on the same machine is
// never disturbed.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/orphan_reaper.hpp"
#include "model/grader_error.hpp"
#include "sandbox/uid_slots.hpp"
#include "sandbox/uid_sweep.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::ElementsAre;
using testing::IsEmpty;

/// Far from the grading range's start, so real gradings here keep theirs.
constexpr UidRange kRange{kFirstSlotUid + 0x8000, 8};

class UidSlotsTest : public testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: only root can run processes as a slot uid";
    root_ = fs::temp_directory_path() / ("uid-slots-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    for (unsigned i = 0; i < kRange.count; ++i)
      kill_processes_of(kRange.first + i, std::chrono::seconds(5));
  }
  void TearDown() override {
    for (pid_t pid : children_) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      ipclab::exec::OrphanReaper::instance().release(pid);
    }
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }

  UidSlots slots() const { return UidSlots(kRange, root_ / "locks"); }

  /// A child that runs `body` (then pauses) as `uid`; killed at the end.
  template <class Body>
  pid_t child_as(uid_t uid, Body body) {
    auto& reaper = ipclab::exec::OrphanReaper::instance();
    auto lock = reaper.launch_lock();
    pid_t pid = ::fork();
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (uid != 0 && (::setgid(uid) != 0 || ::setuid(uid) != 0)) ::_exit(1);
      body();
      for (;;)
        ::pause();
    }
    reaper.adopt(pid);
    children_.push_back(pid);
    return pid;
  }

  static bool alive(pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) == 0; }

  /// A file of `owner` at `path` (made by root, then given away).
  static void file_of(const fs::path& path, uid_t owner) {
    std::ofstream(path) << "x";
    ASSERT_EQ(::lchown(path.c_str(), owner, owner), 0) << path;
  }

  fs::path root_;
  std::vector<pid_t> children_;
};

TEST_F(UidSlotsTest, ParallelAllocatorsNeverShareAUid) {
  UidSlots first = slots(), second = slots();  // as two graders would
  for (int round = 0; round < 20; ++round) {
    std::atomic<uid_t> a{0}, b{0};
    std::atomic<int> holding{0};
    auto take = [&holding](const UidSlots& from, std::atomic<uid_t>& into) {
      UidSlot slot = from.acquire();
      into = slot.uid();
      ++holding;
      while (holding < 2)  // both hold theirs at once
        std::this_thread::yield();
    };
    std::thread one(take, std::cref(first), std::ref(a));
    std::thread two(take, std::cref(second), std::ref(b));
    one.join();
    two.join();
    EXPECT_NE(a.load(), b.load());
    EXPECT_GE(std::min(a.load(), b.load()), kRange.first);
    EXPECT_LT(std::max(a.load(), b.load()), kRange.first + kRange.count);
  }
}

TEST_F(UidSlotsTest, ASlotIsFreeAgainOnceReleased) {
  UidSlots pool = slots();
  uid_t first = pool.acquire().uid();
  EXPECT_EQ(pool.acquire().uid(), first);
}

TEST_F(UidSlotsTest, ASlotLockedByAnotherProcessIsSkipped) {
  UidSlots pool = slots();
  pool.acquire();  // makes the lock folder
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  fs::path lock_file = root_ / "locks" / (std::to_string(kRange.first) + ".lock");
  child_as(0, [&] {
    int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT, 0600);
    if (fd >= 0 && ::flock(fd, LOCK_EX) == 0) (void)!::write(ready[1], "1", 1);
  });
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1) << "the other process did not take the lock";
  EXPECT_EQ(pool.acquire().uid(), kRange.first + 1);
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST_F(UidSlotsTest, EverySlotTakenIsAnError) {
  UidSlots pool(UidRange{kRange.first, 2}, root_ / "locks");
  UidSlot a = pool.acquire(), b = pool.acquire();
  EXPECT_THROW(pool.acquire(), GraderError);
}

TEST_F(UidSlotsTest, ALockFolderOthersMayWriteToIsRefused) {
  fs::create_directories(root_ / "locks");
  fs::permissions(root_ / "locks", fs::perms::all);
  EXPECT_THROW(slots().acquire(), GraderError);
}

TEST_F(UidSlotsTest, StaleProcessesOfAFreeSlotAreKilledBeforeItIsGiven) {
  pid_t stale = child_as(kRange.first, [] {});
  pid_t bystander = child_as(kRange.first + 5, [] {});
  for (int i = 0; i < 100 && processes_of(kRange.first).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_THAT(processes_of(kRange.first), ElementsAre(stale));

  UidSlot slot = slots().acquire();
  EXPECT_EQ(slot.uid(), kRange.first);
  EXPECT_THAT(processes_of(kRange.first), IsEmpty());
  EXPECT_FALSE(alive(stale));
  EXPECT_TRUE(alive(bystander)) << "another slot's process was killed";
}

TEST_F(UidSlotsTest, ASlotGivenBackCleanServesThisGraderAgainAndNoOtherMeanwhile) {
  UidSlots pool = slots();
  UidSlot slot = pool.acquire();
  const uid_t uid = slot.uid();
  pid_t left = child_as(uid, [] {});
  pid_t left_reference = child_as(slot.reference_uid(), [] {});
  for (int i = 0; i < 100 && processes_of({uid, slot.reference_uid()}).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  fs::path tmp = root_ / "tmp";
  fs::create_directories(tmp);
  slot.clean_up({{{tmp, "/tmp/"}}, false});
  ASSERT_TRUE(slot.clean());
  EXPECT_FALSE(alive(left)) << "run N's process must be gone before run N+1 starts";
  EXPECT_FALSE(alive(left_reference));
  pool.give_back(std::move(slot));

  EXPECT_NE(slots().acquire().uid(), uid) << "another grader took a slot this one keeps";
  UidSlot again = pool.acquire();
  EXPECT_EQ(again.uid(), uid);
  EXPECT_THAT(processes_of({uid, again.reference_uid()}), IsEmpty());
}

TEST_F(UidSlotsTest, ASlotGivenBackUncleanedIsReleasedAndCleanedAsStale) {
  UidSlots pool = slots();
  UidSlot slot = pool.acquire();
  const uid_t uid = slot.uid();
  // Without the slot's lock, which a forked child would share (a driver is
  // exec'd: the lock is close-on-exec).
  pid_t left = child_as(uid, [] {
    for (int fd = 3; fd < 1024; ++fd)
      ::close(fd);
  });
  for (int i = 0; i < 100 && processes_of(uid).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(slot.clean());
  pool.give_back(std::move(slot));  // no clean_up(): not to be kept

  UidSlot again = slots().acquire();  // another grader may take it now
  EXPECT_EQ(again.uid(), uid);
  EXPECT_FALSE(alive(left)) << "the stale slot's process was not killed before it was given";
}

TEST_F(UidSlotsTest, OneWalkFindsAndKillsTheProcessesOfSeveralUids) {
  const uid_t a = kRange.first + 6, b = kRange.first + 7;
  pid_t of_a = child_as(a, [] {});
  pid_t of_b = child_as(b, [] {});
  pid_t bystander = child_as(kRange.first + 5, [] {});
  for (int i = 0; i < 100 && processes_of({a, b}).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::vector<pid_t> found = processes_of({a, b});
  std::sort(found.begin(), found.end());
  EXPECT_THAT(found, ElementsAre(std::min(of_a, of_b), std::max(of_a, of_b)));
  EXPECT_EQ(kill_processes_of({a, b}, std::chrono::seconds(5)), 0);
  EXPECT_FALSE(alive(of_a));
  EXPECT_FALSE(alive(of_b));
  EXPECT_TRUE(alive(bystander));
}

TEST_F(UidSlotsTest, AForkBombIsBoundedByRlimitNprocAndKilledAfterwards) {
  const uid_t uid = kRange.first + 2;
  const rlim_t limit = 40;
  child_as(0, [uid, limit] {
    rlimit bound{limit, limit};
    ::setrlimit(RLIMIT_NPROC, &bound);
    if (::setgid(uid) != 0 || ::setuid(uid) != 0) ::_exit(1);
    for (;;)
      (void)::fork();
  });
  std::size_t most = 0;
  for (int i = 0; i < 30; ++i) {
    most = std::max(most, processes_of(uid).size());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(most, 1u);
  EXPECT_LE(most, limit) << "RLIMIT_NPROC did not bound the processes of the uid";
  EXPECT_EQ(kill_processes_of(uid, std::chrono::seconds(10)), 0);
  EXPECT_THAT(processes_of(uid), IsEmpty());
}

TEST_F(UidSlotsTest, TheSweepRemovesOnlyWhatTheUidOwns) {
  const uid_t uid = kRange.first + 3, other = kRange.first + 4;
  fs::path shm = root_ / "shm", tmp = root_ / "tmp", outside = root_ / "outside";
  for (const fs::path& dir : {shm, tmp, outside})
    fs::create_directories(dir);
  fs::permissions(tmp, fs::perms::all | fs::perms::sticky_bit);
  file_of(shm / "hostile_fixed_name", uid);
  file_of(shm / "someone_elses", other);
  file_of(tmp / "results.json", uid);
  // A folder of the uid goes whole, whoever owns what is inside it.
  fs::create_directories(tmp / "nest" / "deeper");
  file_of(tmp / "nest" / "deeper" / "file", 0);
  ASSERT_EQ(::chown((tmp / "nest").c_str(), uid, uid), 0);
  // A symlink of the uid is removed, never followed.
  file_of(outside / "precious", 0);
  fs::create_symlink(outside, tmp / "link");
  ASSERT_EQ(::lchown((tmp / "link").c_str(), uid, uid), 0);
  // Inside a folder everyone may write to (like /tmp/.X11-unix).
  fs::create_directories(tmp / ".X11-unix");
  fs::permissions(tmp / ".X11-unix", fs::perms::all | fs::perms::sticky_bit);
  file_of(tmp / ".X11-unix" / "X99", uid);
  file_of(tmp / ".X11-unix" / "X0", other);
  // SysV IPC: one segment of the uid, one of another.
  int ours = ::shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  int theirs = ::shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  ASSERT_GE(ours, 0);
  ASSERT_GE(theirs, 0);
  for (auto [id, owner] : {std::pair{ours, uid}, std::pair{theirs, other}}) {
    shmid_ds info{};
    ::shmctl(id, IPC_STAT, &info);
    info.shm_perm.uid = owner;
    ASSERT_EQ(::shmctl(id, IPC_SET, &info), 0);
  }

  std::vector<std::string> found = sweep_uid(uid, {{{shm, "/dev/shm/"}, {tmp, "/tmp/"}}, true});
  ::shmctl(theirs, IPC_RMID, nullptr);

  EXPECT_THAT(found, testing::IsSupersetOf({"/dev/shm/hostile_fixed_name", "/tmp/results.json",
                                            "/tmp/nest/", "/tmp/link", "/tmp/.X11-unix/X99"}));
  EXPECT_THAT(found, testing::Contains(testing::StartsWith("SysV shared memory (key ")));
  EXPECT_EQ(found.size(), 6u) << testing::PrintToString(found);
  EXPECT_FALSE(fs::exists(shm / "hostile_fixed_name"));
  EXPECT_FALSE(fs::exists(tmp / "nest"));
  EXPECT_FALSE(fs::is_symlink(tmp / "link"));
  EXPECT_FALSE(fs::exists(tmp / ".X11-unix" / "X99"));
  EXPECT_TRUE(fs::exists(shm / "someone_elses"));
  EXPECT_TRUE(fs::exists(tmp / ".X11-unix" / "X0"));
  EXPECT_TRUE(fs::exists(outside / "precious")) << "the sweep followed a symlink";
  shmid_ds gone{};
  EXPECT_NE(::shmctl(ours, IPC_STAT, &gone), 0) << "the uid's SysV segment is still there";
}

TEST_F(UidSlotsTest, CleanUpNamesTheLeftoversAsNotes) {
  UidSlot slot = slots().acquire();
  fs::path tmp = root_ / "tmp";
  fs::create_directories(tmp);
  file_of(tmp / "hostile-escape", slot.uid());
  file_of(tmp / "ipclab-drivers-abc123", slot.uid());  // the harness's own folder
  pid_t left = child_as(slot.uid(), [] {});
  for (int i = 0; i < 100 && processes_of(slot.uid()).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::vector<std::string> notes = slot.clean_up({{{tmp, "/tmp/"}}, false});
  EXPECT_THAT(notes, ElementsAre("left behind (removed): /tmp/hostile-escape"));
  EXPECT_FALSE(fs::exists(tmp / "ipclab-drivers-abc123"));
  EXPECT_FALSE(alive(left));
}

TEST_F(UidSlotsTest, AReferenceUidOfItsOwnIsKilledAndSweptWithTheSlot) {
  UidSlot slot = slots().acquire();
  EXPECT_NE(slot.reference_uid(), slot.uid());
  EXPECT_EQ(slot.reference_uid(), slot.uid() + kRange.count) << "the reference block follows";
  fs::path tmp = root_ / "tmp";
  fs::create_directories(tmp);
  file_of(tmp / "reference-socket", slot.reference_uid());
  pid_t reference = child_as(slot.reference_uid(), [] {});
  for (int i = 0; i < 100 && processes_of(slot.reference_uid()).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::vector<std::string> notes = slot.clean_up({{{tmp, "/tmp/"}}, false});
  EXPECT_THAT(notes, IsEmpty()) << "the reference's leftovers are not the student's";
  EXPECT_FALSE(fs::exists(tmp / "reference-socket"));
  EXPECT_FALSE(alive(reference));
}

TEST_F(UidSlotsTest, AStaleReferenceProcessIsKilledBeforeTheSlotIsGiven) {
  pid_t stale = child_as(kRange.first + kRange.count, [] {});
  for (int i = 0; i < 100 && processes_of(kRange.first + kRange.count).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  UidSlot slot = slots().acquire();
  EXPECT_EQ(slot.reference_uid(), kRange.first + kRange.count);
  EXPECT_FALSE(alive(stale));
}

TEST_F(UidSlotsTest, EveryWorldWritableFolderIsFoundWithinTheDepth) {
  for (const char* dir : {"a/lock", "a/b/c/deep", "a/private", "a/linked-target"})
    fs::create_directories(root_ / dir);
  for (const char* dir : {"a/lock", "a/b/c/deep", "a/linked-target"})
    fs::permissions(root_ / dir, fs::perms::all | fs::perms::sticky_bit);
  fs::create_directory_symlink(root_ / "a" / "linked-target", root_ / "a" / "link");

  EXPECT_THAT(world_writable_folders(root_, 4),
              ElementsAre(root_ / "a/b/c/deep", root_ / "a/linked-target", root_ / "a/lock"));
  EXPECT_THAT(world_writable_folders(root_, 2),
              ElementsAre(root_ / "a/linked-target", root_ / "a/lock"))
      << "deeper than the depth is not walked";
}

TEST_F(UidSlotsTest, TheHostsPlacesIncludeItsProbedLockFolder) {
  if (!fs::is_directory("/run/lock")) GTEST_SKIP() << "no /run/lock on this machine";
  struct stat info {};
  ASSERT_EQ(::lstat("/run/lock", &info), 0);
  if ((info.st_mode & S_IWOTH) == 0) GTEST_SKIP() << "/run/lock is not world-writable here";
  UidSweepPlaces places = host_places();
  EXPECT_THAT(places.folders, testing::Contains(testing::Field(&SweptFolder::shown, "/run/lock/")));
}

}  // namespace
}  // namespace grader
