// PTRACE_ATTACH to every process running the reference's program, for 3 s: a
// tracer could rewrite what the reference answers. Refused: as root the
// reference runs as another uid; as a shared user it is not dumpable.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

namespace {

bool runs_reference(const std::string& pid) {
  std::ifstream comm("/proc/" + pid + "/comm");
  std::string name;
  std::getline(comm, name);
  return name.rfind("reference_drive", 0) == 0;  // comm holds 15 characters
}

void trace_reference() {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return;
  while (dirent* entry = ::readdir(proc)) {
    std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos || !runs_reference(pid)) continue;
    if (::ptrace(PTRACE_SEIZE, std::stoi(pid), nullptr, nullptr) == 0) {
      ::close(::open("/dev/shm/hostile_traced", O_WRONLY | O_CREAT, 0600));
      ::ptrace(PTRACE_DETACH, std::stoi(pid), nullptr, nullptr);
    }
    int mem = ::open(("/proc/" + pid + "/mem").c_str(), O_RDWR);
    if (mem >= 0) {
      ::close(::open("/dev/shm/hostile_traced", O_WRONLY | O_CREAT, 0600));
      ::close(mem);
    }
  }
  ::closedir(proc);
}

}  // namespace

void hostile::attack() {
  hostile::child([] {
    for (int round = 0; round < 300; ++round) {
      trace_reference();
      ::usleep(10000);
    }
  });
}
