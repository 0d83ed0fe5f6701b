// The one intake for student files: each kind of thing a student can hand in
// where a file belongs, and what the grader makes of it.
#include "workspace/student_file.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "workspace/refusal_record.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using Status = StudentFileRead::Status;

class StudentFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = scratch_path("student_file_test");
    fs::remove_all(root_);
    fs::create_directories(root_ / "sub" / "pipe");
    std::ofstream(root_ / "model.cpp") << "// the model answer\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  StudentFileRead read(const std::string& relative = "pipe/c.cpp",
                       std::uint64_t max_bytes = kStudentFileMaxBytes) {
    return read_student_file(root_ / "sub", relative, "exercises/" + relative, max_bytes);
  }
  fs::path file() const { return root_ / "sub" / "pipe" / "c.cpp"; }

  fs::path root_;
};

TEST_F(StudentFileTest, ReadsARegularFile) {
  std::ofstream(file()) << "int x;\n";
  StudentFileRead result = read();
  EXPECT_EQ(result.status, Status::read);
  EXPECT_EQ(result.contents, "int x;\n");
}

TEST_F(StudentFileTest, NothingThereIsMissingNotRefused) {
  EXPECT_EQ(read().status, Status::missing);
  EXPECT_EQ(read("nope/c.cpp").status, Status::missing);
}

TEST_F(StudentFileTest, RefusesASymlinkToAFile) {
  fs::create_symlink(root_ / "model.cpp", file());
  StudentFileRead result = read();
  EXPECT_EQ(result.status, Status::refused);
  EXPECT_EQ(result.contents, "");
  EXPECT_EQ(result.refusal(),
            "exercises/pipe/c.cpp: a symbolic link, not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesASymlinkToDevZeroAtOnce) {
  fs::create_symlink("/dev/zero", file());
  auto start = std::chrono::steady_clock::now();
  StudentFileRead result = read();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(result.refusal(),
            "exercises/pipe/c.cpp: a symbolic link, not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesAFifoWithoutBlocking) {
  ASSERT_EQ(::mkfifo(file().c_str(), 0600), 0) << std::strerror(errno);
  StudentFileRead result = read();  // a blocking open would hang here for good
  EXPECT_EQ(result.refusal(),
            "exercises/pipe/c.cpp: a named pipe (FIFO), not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesASocket) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::string path = file().string();
  ASSERT_LT(path.size(), sizeof address.sun_path) << "temporary folder too deep for a socket";
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  StudentFileRead result = read();
  ::close(fd);
  EXPECT_EQ(result.refusal(),
            "exercises/pipe/c.cpp: a socket, not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesADevice) {
  // A device node where the file belongs (needs root to make one; /dev/null
  // reached through a hard link would need the same folder's file system).
  if (::mknod(file().c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "cannot make a device node here: " << std::strerror(errno);
  }
  EXPECT_EQ(read().refusal(),
            "exercises/pipe/c.cpp: a device, not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesAFolder) {
  fs::create_directories(file());
  EXPECT_EQ(read().refusal(),
            "exercises/pipe/c.cpp: a folder, not a file: hand in the file itself");
}

TEST_F(StudentFileTest, RefusesAFileOverTheLimitReadingNoMoreThanItAllows) {
  std::ofstream(file()) << std::string(kStudentFileMaxBytes, 'x');
  EXPECT_EQ(read().status, Status::read) << "exactly the limit is fine";
  std::ofstream(file(), std::ios::app) << "y";
  EXPECT_EQ(read().refusal(),
            "exercises/pipe/c.cpp: larger than 1 MiB (the limit for a student file): hand in the "
            "source file only");
  EXPECT_EQ(read("pipe/c.cpp", 1000).reason,
            "larger than 1000 bytes (the limit for a student file): hand in the source file only");
}

TEST_F(StudentFileTest, RefusesAFileBehindASymlinkedFolder) {
  fs::create_directories(root_ / "solutions" / "pipe");
  std::ofstream(root_ / "solutions" / "pipe" / "c.cpp") << "// the model answer\n";
  fs::remove_all(root_ / "sub" / "pipe");
  fs::create_directory_symlink(root_ / "solutions" / "pipe", root_ / "sub" / "pipe");
  StudentFileRead result = read();
  EXPECT_EQ(result.status, Status::refused);
  EXPECT_EQ(result.contents, "");
  EXPECT_EQ(result.refusal(),
            "exercises/pipe/c.cpp: its folder 'pipe' is a symbolic link, not a folder: hand in "
            "the folder itself");
}

TEST_F(StudentFileTest, ARefusalNamesTheFilePrintably) {
  fs::create_symlink(root_ / "model.cpp", root_ / "sub" / "pipe" / "c\x01.cpp");
  EXPECT_EQ(read("pipe/c\x01.cpp").shown, "exercises/pipe/c\\x01.cpp");
}

TEST_F(StudentFileTest, ADanglingLinkIsPresentAndRefused) {
  fs::create_symlink(root_ / "gone.cpp", file());
  EXPECT_TRUE(student_file_present(file())) << "else the starter file would be graded";
  EXPECT_EQ(read().status, Status::refused);
  EXPECT_FALSE(student_file_present(root_ / "sub" / "pipe" / "other.cpp"));
}

TEST_F(StudentFileTest, ARecordedRefusalIsTheFilesRefusal) {
  std::ofstream(file()) << "";
  fs::create_directories(root_ / "sub" / ".ipclab-refused" / "pipe");
  std::ofstream(root_ / "sub" / refusal_record_key("pipe/c.cpp"))
      << "a named pipe (FIFO), not a file: hand in the file itself\n";
  StudentFileRead result = take_in_student_file(root_ / "sub", "pipe/c.cpp", "pipe/c.cpp");
  EXPECT_EQ(result.refusal(),
            "pipe/c.cpp: a named pipe (FIFO), not a file: hand in the file itself");
  fs::remove_all(root_ / "sub" / ".ipclab-refused");
  EXPECT_EQ(take_in_student_file(root_ / "sub", "pipe/c.cpp", "pipe/c.cpp").status, Status::read);
}

}  // namespace
}  // namespace grader
