#include "host/file_contents.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ipclab::host {
namespace {

/// The rest of the file open at `fd`; nullopt when it is a folder or a read fails.
std::optional<std::string> read_all(int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) return std::nullopt;
  std::string text;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

std::optional<std::string> read_file(const std::filesystem::path& path) {
  // One open, then reads to the end: no size asked first (the files of /proc
  // and of cgroups say 0) and no second lookup of the path (/proc is read
  // for every process of the machine).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> text = read_all(fd);
  ::close(fd);
  return text;
}

}  // namespace ipclab::host
