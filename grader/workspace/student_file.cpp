#include "workspace/student_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "config/printable.hpp"
#include "exec/unique_fd.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::UniqueFd;
using Status = StudentFileRead::Status;

StudentFileRead refused(const std::string& shown, const std::string& why) {
  return {Status::refused, "", printable(shown), why};
}

/// What a thing that is not a regular file is, for a refusal.
std::string kind_of(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

std::string not_a_file(mode_t mode) {
  return kind_of(mode) + ", not a file: hand in the file itself";
}

/// Why `name` (in `dir`) could not be opened: its kind when it is one the
/// intake refuses, else the system's reason.
std::string open_failure(int dir, const std::string& name, int error) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
    return not_a_file(st.st_mode);
  }
  return fmt::format("cannot be read ({}): make it a readable file", std::strerror(error));
}

std::vector<std::string> components(const std::string& relative) {
  std::vector<std::string> parts;
  for (const fs::path& part : fs::path(relative)) {
    if (!part.empty() && part != "/") parts.push_back(part.string());
  }
  return parts;
}

/// Why the folder `name` (in `dir`) could not be opened; nullopt when
/// there is no folder there at all (the student file is missing).
std::optional<std::string> folder_failure(int dir, const std::string& name, int error) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    return fmt::format("its folder {} cannot be opened ({})", quote(name), std::strerror(error));
  }
  return fmt::format("its folder {} is {}, not a folder: hand in the folder itself", quote(name),
                     kind_of(st.st_mode));
}

/// Opens the folders of `parts` (all but the last) one by one below `root`,
/// never through a link. Sets `result` (missing or refused) when it cannot.
UniqueFd open_parent(const fs::path& root, const std::vector<std::string>& parts,
                     const std::string& shown, StudentFileRead& result) {
  UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) {
    int error = errno;
    if (error != ENOENT) result = refused(shown, open_failure(AT_FDCWD, root.string(), error));
    return {};
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    UniqueFd next(::openat(dir.get(), parts[i].c_str(),
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!next) {
      std::optional<std::string> why = folder_failure(dir.get(), parts[i], errno);
      if (why) result = refused(shown, *why);
      return {};
    }
    dir = std::move(next);
  }
  return dir;
}

/// Reads at most `max_bytes` + 1 bytes of `fd`; nullopt past `max_bytes`.
std::optional<std::string> read_bounded(int fd, std::uint64_t max_bytes, int& error) {
  std::string data;
  char buffer[64 * 1024];
  for (;;) {
    std::size_t room = static_cast<std::size_t>(
        std::min<std::uint64_t>(sizeof buffer, max_bytes + 1 - data.size()));
    ssize_t n = ::read(fd, buffer, room);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = errno;
      return std::nullopt;
    }
    if (n == 0) return data;
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) return std::nullopt;
  }
}

std::string too_big(std::uint64_t max_bytes) {
  return fmt::format("larger than {} (the limit for a student file): hand in the source file only",
                     max_bytes % (1 << 20) == 0 ? fmt::format("{} MiB", max_bytes >> 20)
                                                : fmt::format("{} bytes", max_bytes));
}

/// Reads the file `name` of the folder `dir` through one descriptor.
StudentFileRead read_in(int dir, const std::string& name, const std::string& shown,
                        std::uint64_t max_bytes) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    int error = errno;
    return error == ENOENT ? StudentFileRead{} : refused(shown, open_failure(dir, name, error));
  }
  // Refused before opening: opening a device can have effects of its own.
  if (!S_ISREG(st.st_mode)) return refused(shown, not_a_file(st.st_mode));
  UniqueFd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd) return refused(shown, open_failure(dir, name, errno));
  // What the descriptor is, not what the name was a moment ago.
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return refused(shown, not_a_file(st.st_mode));
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) return refused(shown, too_big(max_bytes));
  int error = 0;
  std::optional<std::string> data = read_bounded(fd.get(), max_bytes, error);
  if (data) return {Status::read, std::move(*data), printable(shown), ""};
  if (error != 0) return refused(shown, open_failure(dir, name, error));
  return refused(shown, too_big(max_bytes));
}

}  // namespace

StudentFileRead read_student_file(const fs::path& root, const std::string& relative,
                                  const std::string& shown, std::uint64_t max_bytes) {
  std::vector<std::string> parts = components(relative);
  // Planned names never climb; one that does is not below `root` at all.
  if (parts.empty() || std::find(parts.begin(), parts.end(), "..") != parts.end()) {
    return refused(shown, "not a file name below the submission");
  }
  StudentFileRead result;
  UniqueFd dir = open_parent(root, parts, shown, result);
  if (!dir) return result;
  return read_in(dir.get(), parts.back(), shown, max_bytes);
}

bool student_file_present(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace grader
