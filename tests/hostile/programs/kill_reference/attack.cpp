// SIGKILL and SIGSTOP every process that runs the reference's program, from a
// child of the student's driver, for a few seconds. A refused signal costs
// nothing; one that lands would fail the test and blame the reference.
#include <dirent.h>
#include <unistd.h>

#include <fstream>

namespace {

bool runs_reference(const std::string& pid) {
  std::ifstream comm("/proc/" + pid + "/comm");
  std::string name;
  std::getline(comm, name);
  return name.rfind("reference_drive", 0) == 0;  // comm holds 15 characters
}

void signal_reference() {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return;
  while (dirent* entry = ::readdir(proc)) {
    std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos || !runs_reference(pid)) continue;
    ::kill(std::stoi(pid), SIGSTOP);
    ::kill(std::stoi(pid), SIGKILL);
  }
  ::closedir(proc);
}

}  // namespace

void hostile::attack() {
  hostile::child([] {
    for (int round = 0; round < 300; ++round) {
      signal_reference();
      ::usleep(10000);
    }
  });
}
