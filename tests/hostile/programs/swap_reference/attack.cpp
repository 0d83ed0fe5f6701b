// Put the student's own driver where the harness keeps the reference's program
// (a symlink renamed in, an unlink and a fresh symlink, a write through the
// path), so that every "with the reference" test would pair the student with
// itself. Tried for a few seconds: the reference's copy is made after the
// student's driver has started.
#include <fcntl.h>
#include <glob.h>
#include <unistd.h>

namespace {

/// Left where the grader's sweep names it in the report: the attack got
/// something into the drivers' folder (the suite requires no such note).
void mark_success() {
  ::close(::open("/dev/shm/hostile_swapped", O_WRONLY | O_CREAT, 0600));
}

std::string own_program() {
  char path[4096];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : "";
}

void overwrite(const std::string& target, const std::string& self) {
  int from = ::open(self.c_str(), O_RDONLY);
  int to = ::open(target.c_str(), O_WRONLY | O_TRUNC);
  char buffer[1 << 16];
  for (ssize_t n; from >= 0 && to >= 0 && (n = ::read(from, buffer, sizeof buffer)) > 0;)
    (void)!::write(to, buffer, static_cast<std::size_t>(n));
  if (from >= 0) ::close(from);
  if (to >= 0) ::close(to);
}

void plant(const std::string& folder, const std::string& self) {
  // The programs' folder (not work/, the drivers' own, where files are allowed).
  for (const char* name : {"/reference_driver", "/student_driver"}) {
    std::string target = folder + name;
    std::string swap = folder + "/.hostile_swap";
    ::symlink(self.c_str(), swap.c_str());
    if (::rename(swap.c_str(), target.c_str()) == 0) mark_success();
    ::unlink(target.c_str());
    if (::symlink(self.c_str(), target.c_str()) == 0) mark_success();
    overwrite(target, self);
    ::chmod(target.c_str(), 0777);
  }
}

}  // namespace

void hostile::attack() {
  hostile::child([] {
    const std::string self = own_program();
    for (int round = 0; round < 400; ++round) {
      glob_t found{};
      if (::glob("/tmp/ipclab-drivers-*", GLOB_ONLYDIR, nullptr, &found) == 0) {
        for (std::size_t i = 0; i < found.gl_pathc; ++i)
          plant(found.gl_pathv[i], self);
      }
      ::globfree(&found);
      ::usleep(10000);
    }
  });
}
