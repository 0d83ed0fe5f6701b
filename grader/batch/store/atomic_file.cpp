#include "batch/store/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "host/file_contents.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw GraderError("cannot write " + path.string() + ": " + what);
}

void write_all(int fd, const std::string& contents, const fs::path& path) {
  std::size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& contents) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) fail(path, ec.message());
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(path, std::strerror(errno));
  try {
    write_all(fd, contents, path);
    // fsync: after a crash the rename must not point at an empty file.
    if (::fsync(fd) != 0) fail(path, std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::fchmod(fd, 0644);
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, std::strerror(error));
  }
}

std::optional<std::string> read_file_if_present(const fs::path& path) {
  return ipclab::host::read_file(path);
}

}  // namespace grader
