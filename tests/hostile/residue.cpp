#include "residue.hpp"

#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace hostile_suite {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Names hostile code writes outside a run (see programs/*/attack.cpp).
bool suspicious(const std::string& name) {
  return name.find("hostile") != std::string::npos || name == "results.json" ||
         name == "report.json";
}

std::string home() {
  const char* value = std::getenv("HOME");
  return value != nullptr ? value : "/root";
}

}  // namespace

Residue take_residue() {
  Residue residue;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (read_file(entry.path() / "comm") == "hostile\n") residue.processes.insert(std::stoi(name));
  }
  for (const std::string& dir : std::vector<std::string>{"/dev/shm", "/dev/mqueue", "/tmp",
                                                         "/var/tmp", "/run/lock", home()}) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
      if (suspicious(entry.path().filename())) residue.files.insert(entry.path());
    }
  }
  // A POSIX queue of a fixed name, where /dev/mqueue is not mounted to list it.
  mqd_t queue = ::mq_open("/hostile_queue", O_RDONLY);
  if (queue != static_cast<mqd_t>(-1)) {
    residue.files.insert("POSIX message queue /hostile_queue");
    ::mq_close(queue);
  }
  residue.bashrc = read_file(home() + "/.bashrc");
  return residue;
}

std::string new_residue(const Residue& before, const Residue& after) {
  std::string text;
  auto add = [&text](const std::string& item) { text += (text.empty() ? "" : "; ") + item; };
  for (pid_t pid : after.processes) {
    if (before.processes.count(pid) == 0) add("process " + std::to_string(pid) + " (hostile)");
  }
  for (const std::string& file : after.files) {
    if (before.files.count(file) == 0) add(file);
  }
  if (after.bashrc != before.bashrc) add(home() + "/.bashrc was changed");
  return text;
}

void clean_up(const Residue& before, const Residue& after) {
  for (pid_t pid : after.processes) {
    if (before.processes.count(pid) == 0) ::kill(pid, SIGKILL);
  }
  std::error_code ec;
  for (const std::string& file : after.files) {
    if (before.files.count(file) != 0) continue;
    if (file.rfind("POSIX message queue ", 0) == 0) {
      ::mq_unlink(file.substr(20).c_str());
    } else {
      fs::remove_all(file, ec);
    }
  }
  if (after.bashrc != before.bashrc) std::ofstream(home() + "/.bashrc") << before.bashrc;
}

}  // namespace hostile_suite
