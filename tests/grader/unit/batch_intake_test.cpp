// Intake: folders, archives and rosters become student files, safely.
#include <gtest/gtest.h>

#include "batch/intake/archive_reader.hpp"
#include "batch/intake/intake.hpp"
#include "batch/intake/roster.hpp"
#include "batch_fixtures.hpp"
#include "config/config_error.hpp"

namespace grader {
namespace {

using testing::ArchiveEntry;
using testing::ArchiveFormat;
using testing::batch_course;
using testing::ScratchDir;
using testing::write_archive;
using Kind = ArchiveEntry::Kind;

const StudentFiles kBoth = {{"pipe_ping_pong/connection.cpp", "conn"},
                            {"pipe_ping_pong/ping_pong.cpp", "pp"}};

StudentFiles read(const std::filesystem::path& path, const IntakeLimits& limits = {}) {
  return read_student_files({"alice", path, ""}, batch_course(), limits);
}

std::string rejection(const std::filesystem::path& path, const IntakeLimits& limits = {}) {
  try {
    read(path, limits);
  } catch (const IntakeError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(BatchIntake, ReadsAFolderLaidOutLikeExercises) {
  ScratchDir dir;
  dir.write("alice/pipe_ping_pong/connection.cpp", "conn");
  dir.write("alice/pipe_ping_pong/ping_pong.cpp", "pp");
  dir.write("alice/pipe_ping_pong/driver.cpp", "provided files are never taken");
  dir.write("alice/notes.txt", "x");
  EXPECT_EQ(read(dir.path() / "alice"), kBoth);
}

TEST(BatchIntake, ReadsAFolderThatIsACloneOfTheCourse) {
  ScratchDir dir;
  dir.write("alice/assignments.yaml", "");
  dir.write("alice/exercises/pipe_ping_pong/connection.cpp", "conn");
  dir.write("alice/exercises/pipe_ping_pong/ping_pong.cpp", "pp");
  dir.write("alice/solutions/pipe_ping_pong/connection.cpp", "never this one");
  EXPECT_EQ(read(dir.path() / "alice"), kBoth);
}

TEST(BatchIntake, UnwrapsASingleTopFolderInAnArchive) {
  ScratchDir dir;
  auto zip = dir.path() / "alice.zip";
  write_archive(zip, ArchiveFormat::zip,
                {{"ipclab-main/", "", Kind::folder},
                 {"ipclab-main/exercises/pipe_ping_pong/connection.cpp", "conn"},
                 {"ipclab-main/exercises/pipe_ping_pong/ping_pong.cpp", "pp"},
                 {"__MACOSX/ipclab-main/._connection.cpp", "resource fork"}});
  EXPECT_EQ(read(zip), kBoth);
}

TEST(BatchIntake, ReadsATarGz) {
  ScratchDir dir;
  auto tgz = dir.path() / "alice.tar.gz";
  write_archive(tgz, ArchiveFormat::tar_gz,
                {{"pipe_ping_pong/connection.cpp", "conn"},
                 {"pipe_ping_pong/ping_pong.cpp", "pp"},
                 {"counter/README.md", "not a student file"}});
  EXPECT_EQ(read(tgz), kBoth);
}

TEST(BatchIntake, TakesOnlyTheFilesThatAreThere) {
  ScratchDir dir;
  auto zip = dir.path() / "alice.zip";
  write_archive(zip, ArchiveFormat::zip, {{"counter/counter.cpp", "c"}});
  EXPECT_EQ(read(zip), (StudentFiles{{"counter/counter.cpp", "c"}}));
}

TEST(BatchIntake, RejectsPathTraversal) {
  ScratchDir dir;
  auto zip = dir.path() / "alice.zip";
  write_archive(zip, ArchiveFormat::zip,
                {{"pipe_ping_pong/connection.cpp", "conn"}, {"../../etc/cron.d/x", "evil"}});
  EXPECT_EQ(rejection(zip), "alice.zip: entry '../../etc/cron.d/x' leaves the archive (..)");
  auto tgz = dir.path() / "bob.tgz";
  write_archive(tgz, ArchiveFormat::tar_gz, {{"/etc/passwd", "evil"}});
  EXPECT_EQ(rejection(tgz), "bob.tgz: entry '/etc/passwd' has an absolute path");
}

TEST(BatchIntake, RejectsLinksAndDevices) {
  ScratchDir dir;
  auto symlink = dir.path() / "s.tar.gz";
  write_archive(symlink, ArchiveFormat::tar_gz,
                {{"pipe_ping_pong/connection.cpp", "/etc/shadow", Kind::symlink}});
  EXPECT_EQ(rejection(symlink),
            "s.tar.gz: entry 'pipe_ping_pong/connection.cpp' is a symbolic link (links are not "
            "accepted)");
  auto hardlink = dir.path() / "h.tar.gz";
  write_archive(hardlink, ArchiveFormat::tar_gz,
                {{"a.txt", "x"}, {"pipe_ping_pong/connection.cpp", "a.txt", Kind::hardlink}});
  EXPECT_EQ(rejection(hardlink),
            "h.tar.gz: entry 'pipe_ping_pong/connection.cpp' is a hard link (links are not "
            "accepted)");
  auto fifo = dir.path() / "f.tar.gz";
  write_archive(fifo, ArchiveFormat::tar_gz, {{"pipe_ping_pong/connection.cpp", "", Kind::fifo}});
  EXPECT_EQ(rejection(fifo),
            "f.tar.gz: entry 'pipe_ping_pong/connection.cpp' is a device, fifo or socket (only "
            "files and folders)");
}

TEST(BatchIntake, RejectsBombs) {
  ScratchDir dir;
  IntakeLimits limits;
  limits.max_file_bytes = 1000;
  limits.max_total_bytes = 5000;
  limits.max_files = 10;
  auto big = dir.path() / "big.zip";
  write_archive(big, ArchiveFormat::zip,
                {{"pipe_ping_pong/connection.cpp", std::string(4000, 'a')}});
  EXPECT_EQ(rejection(big, limits),
            "big.zip: entry 'pipe_ping_pong/connection.cpp' is larger than 1000 bytes (the limit "
            "for one file)");
  auto total = dir.path() / "total.tar.gz";
  std::vector<ArchiveEntry> many;
  for (int i = 0; i < 6; ++i)
    many.push_back({"blob" + std::to_string(i), std::string(900, 'z')});
  write_archive(total, ArchiveFormat::tar_gz, many);
  EXPECT_EQ(rejection(total, limits),
            "total.tar.gz: more than 5000 bytes uncompressed (the limit)");
  auto count = dir.path() / "count.zip";
  std::vector<ArchiveEntry> files;
  for (int i = 0; i < 11; ++i)
    files.push_back({"f" + std::to_string(i), "x"});
  write_archive(count, ArchiveFormat::zip, files);
  EXPECT_EQ(rejection(count, limits), "count.zip: more than 10 entries (the limit)");
}

TEST(BatchIntake, RejectsWhatIsNotAnArchiveOrHasNoStudentFiles) {
  ScratchDir dir;
  auto broken = dir.write("broken.zip", "this is not a zip file");
  EXPECT_EQ(rejection(broken).rfind("broken.zip: not a readable archive", 0), 0u)
      << rejection(broken);
  auto empty = dir.path() / "empty.zip";
  write_archive(empty, ArchiveFormat::zip, {{"homework/readme.txt", "I forgot"}});
  EXPECT_EQ(rejection(empty),
            "empty.zip: no student files found (expected e.g. pipe_ping_pong/connection.cpp or "
            "exercises/pipe_ping_pong/connection.cpp)");
}

TEST(BatchIntake, DiscoversSubmissionsByStudent) {
  ScratchDir dir;
  dir.write("carol/pipe_ping_pong/connection.cpp", "");
  dir.write("alice.zip", "");
  dir.write("bob.tar.gz", "");
  dir.write("dave.rar", "");
  dir.write("erin/x", "");
  dir.write("erin.tgz", "");
  dir.write(".DS_Store", "");
  std::vector<SubmissionSource> found = discover_submissions(dir.path());
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].student, "alice");
  EXPECT_EQ(found[0].problem, "");
  EXPECT_EQ(found[1].student, "bob");
  EXPECT_EQ(found[2].student, "carol");
  EXPECT_EQ(found[3].student, "dave");
  EXPECT_EQ(found[3].problem,
            "dave.rar: not a folder, .zip, .tar.gz or .tgz: repack it as one of those");
  EXPECT_EQ(found[4].student, "erin");
  EXPECT_EQ(found[4].problem, "two submissions for 'erin': erin and erin.tgz: keep one");
}

TEST(BatchIntake, ARosterHeaderMayNameTheStudentsLmsIdentity) {
  std::vector<RosterEntry> roster = parse_roster(
      "# class of 2026\nstudent,path,sis_user_id,name,sis_login_id,section,email\n"
      "-anna,a.zip,S1,\"Doe, Anna\",adoe,B,anna@uni.example\nbob,b.zip,,,,,\n",
      "roster.csv", "/base");
  ASSERT_EQ(roster.size(), 2u);
  EXPECT_EQ(roster[0].student, "-anna");
  EXPECT_EQ(roster[0].identity.sis_user_id, "S1");
  EXPECT_EQ(roster[0].identity.name, "Doe, Anna");
  EXPECT_EQ(roster[0].identity.sis_login_id, "adoe");
  EXPECT_EQ(roster[0].identity.section, "B");
  EXPECT_EQ(roster[0].identity.email, "anna@uni.example");
  const StudentIdentities identities = roster_identities(roster);
  EXPECT_EQ(identities.size(), 1u) << "bob has no identity";
  EXPECT_EQ(identities.at("-anna").sis_login_id, "adoe");
}

TEST(BatchIntake, ARosterColumnMustBeKnownAndEveryLineComplete) {
  try {
    parse_roster("student,path,sis_userid\n", "roster.csv", "/base");
    FAIL() << "an unknown column was accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "roster.csv:1: unknown roster column 'sis_userid' (did you mean 'sis_user_id'?)");
  }
  try {
    parse_roster("student,path,email\nann,a.zip\n", "roster.csv", "/base");
    FAIL() << "a short line was accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "roster.csv:2: expected 3 fields (student,path,email), got 2");
  }
}

TEST(BatchIntake, ReadsARoster) {
  std::vector<RosterEntry> roster =
      parse_roster("student,path\n# comment\nalice,subs/a1.zip\n\"Doe, Jane\",/srv/jdoe\r\n",
                   "roster.csv", "/base");
  ASSERT_EQ(roster.size(), 2u);
  EXPECT_EQ(roster[0].student, "alice");
  EXPECT_EQ(roster[0].path, "/base/subs/a1.zip");
  EXPECT_EQ(roster[1].student, "Doe, Jane");
  EXPECT_EQ(roster[1].path, "/srv/jdoe");
}

TEST(BatchIntake, RejectsABadRosterWithItsLine) {
  auto error = [](const std::string& text) {
    try {
      parse_roster(text, "roster.csv", "/base");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error("alice,a.zip\nbob\n"), "roster.csv:2: expected 2 fields (student,path), got 1");
  EXPECT_EQ(error("alice,a.zip\nalice,b.zip\n"),
            "roster.csv:2: student 'alice' is listed twice (first on line 1)");
  EXPECT_EQ(error("../x,a.zip\n"), "roster.csv:1: student name '../x' starts with '.'");
  EXPECT_EQ(error("\"alice,a.zip\n"), "roster.csv:1: unterminated quote: close it with \"");
}

}  // namespace
}  // namespace grader
