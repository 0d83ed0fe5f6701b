// A batch takes a folder submission's student files in through the one
// intake: what is not a file is refused file by file, and the refusal is
// staged for the check that grades the submission.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "batch/intake/intake.hpp"
#include "batch/intake/overlay.hpp"
#include "batch_fixtures.hpp"
#include "workspace/refusal_record.hpp"
#include "workspace/student_file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::batch_course;
using testing::ScratchDir;

StudentFiles read(const fs::path& path) {
  return read_student_files({"alice", path, ""}, batch_course(), {});
}

TEST(BatchFolderIntake, ALinkedStudentFileIsRefusedAloneNotFollowed) {
  ScratchDir dir;
  fs::path model = dir.write("solutions/pipe_ping_pong/connection.cpp", "// model answer\n");
  dir.write("alice/pipe_ping_pong/ping_pong.cpp", "pp");
  dir.write("alice/counter/counter.cpp", "k");
  fs::create_symlink(model, dir.path() / "alice/pipe_ping_pong/connection.cpp");
  StudentFiles files = read(dir.path() / "alice");
  EXPECT_EQ(files, (StudentFiles{
                       {"pipe_ping_pong/connection.cpp", ""},
                       {refusal_record_key("pipe_ping_pong/connection.cpp"),
                        "a symbolic link, not a file: hand in the file itself"},
                       {"pipe_ping_pong/ping_pong.cpp", "pp"},
                       {"counter/counter.cpp", "k"},
                   }));
}

TEST(BatchFolderIntake, AFifoIsRefusedWithoutBlocking) {
  ScratchDir dir;
  dir.write("alice/pipe_ping_pong/ping_pong.cpp", "pp");
  fs::path fifo = dir.path() / "alice/pipe_ping_pong/connection.cpp";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  StudentFiles files = read(dir.path() / "alice");
  EXPECT_EQ(files.at(refusal_record_key("pipe_ping_pong/connection.cpp")),
            "a named pipe (FIFO), not a file: hand in the file itself");
}

TEST(BatchFolderIntake, ALinkedExerciseFolderIsRefused) {
  ScratchDir dir;
  dir.write("solutions/pipe_ping_pong/connection.cpp", "// model answer\n");
  dir.write("solutions/pipe_ping_pong/ping_pong.cpp", "// model answer\n");
  dir.write("alice/counter/counter.cpp", "k");
  fs::create_directory_symlink(dir.path() / "solutions/pipe_ping_pong",
                               dir.path() / "alice/pipe_ping_pong");
  StudentFiles files = read(dir.path() / "alice");
  EXPECT_EQ(files.at("pipe_ping_pong/connection.cpp"), "");
  EXPECT_EQ(files.at(refusal_record_key("pipe_ping_pong/ping_pong.cpp")),
            "its folder 'pipe_ping_pong' is a symbolic link, not a folder: hand in the folder "
            "itself");
}

TEST(BatchFolderIntake, AStudentFileOverTheLimitIsRefusedAlone) {
  ScratchDir dir;
  dir.write("alice/pipe_ping_pong/connection.cpp", std::string(kStudentFileMaxBytes + 1, 'x'));
  dir.write("alice/counter/counter.cpp", "k");
  StudentFiles files = read(dir.path() / "alice");
  EXPECT_EQ(files.at(refusal_record_key("pipe_ping_pong/connection.cpp")),
            "larger than 1 MiB (the limit for a student file): hand in the source file only");
  EXPECT_EQ(files.at("counter/counter.cpp"), "k");
}

TEST(BatchFolderIntake, TheStagedRefusalIsWhatTheCheckReads) {
  ScratchDir dir;
  dir.write("alice/pipe_ping_pong/ping_pong.cpp", "pp");
  fs::create_symlink("/dev/zero", dir.path() / "alice/pipe_ping_pong/connection.cpp");
  stage_student_files(read(dir.path() / "alice"), dir.path() / "staged");
  StudentFileRead taken = take_in_student_file(
      dir.path() / "staged", "pipe_ping_pong/connection.cpp", "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(taken.refusal(),
            "pipe_ping_pong/connection.cpp: a symbolic link, not a file: hand in the file itself");
  // Handed in again as a file: the record goes, the file is graded.
  fs::remove(dir.path() / "alice/pipe_ping_pong/connection.cpp");
  dir.write("alice/pipe_ping_pong/connection.cpp", "conn");
  stage_student_files(read(dir.path() / "alice"), dir.path() / "staged");
  taken = take_in_student_file(dir.path() / "staged", "pipe_ping_pong/connection.cpp",
                               "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(taken.status, StudentFileRead::Status::read);
  EXPECT_EQ(taken.contents, "conn");
}

}  // namespace
}  // namespace grader
