#pragma once
// The one intake for student files. Every student file the grader reads -- a
// working copy, a submission folder, a batch's folders, a pull request's tree
// -- is read here, and only as a regular file of bounded size, reached without
// following a symbolic link. A student file can be anything a student can
// make (a link to the model answer or to /proc/self/environ, /dev/zero, a
// FIFO): it must never make the grader read what it must not, run out of
// memory or hang. A file that is not acceptable is refused with one line that
// names it; its exercise's build fails, and nothing else does.

#include <cstdint>
#include <filesystem>
#include <string>

namespace grader {

/// The most a student file may hold: source files are far smaller.
constexpr std::uint64_t kStudentFileMaxBytes = 1ull << 20;

/// What the intake made of one student file.
struct StudentFileRead {
  enum class Status { read, missing, refused };
  Status status = Status::missing;
  std::string contents;  ///< when read
  std::string shown;     ///< the file, as the student names it (printable)
  std::string reason;    ///< when refused: "<what it is>: <how to fix it>" (printable)

  /// The one-line refusal: "<shown>: <reason>".
  std::string refusal() const { return shown + ": " + reason; }
};

/// Reads `relative` ('/'-separated, below the folder `root`) as a student
/// file, named `shown` in a refusal. `root` is trusted (the folder the user
/// named); below it no component may be a symbolic link. Opens with
/// O_NOFOLLOW | O_NONBLOCK, checks the descriptor is a regular file and reads
/// at most `max_bytes` + 1 bytes through it. Missing: nothing at that path.
/// Never throws for what the file is; never blocks on a FIFO or device.
StudentFileRead read_student_file(const std::filesystem::path& root, const std::string& relative,
                                  const std::string& shown,
                                  std::uint64_t max_bytes = kStudentFileMaxBytes);

/// True when something (of any kind, a dangling link included) is at `path`:
/// what the intake would read or refuse, rather than call missing.
bool student_file_present(const std::filesystem::path& path);

}  // namespace grader
