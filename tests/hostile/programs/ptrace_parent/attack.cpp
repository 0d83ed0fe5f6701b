void hostile::attack() {
  if (::ptrace(PTRACE_ATTACH, ::getppid(), nullptr, nullptr) == 0) {
    ::kill(::getppid(), SIGKILL);
  }
}
