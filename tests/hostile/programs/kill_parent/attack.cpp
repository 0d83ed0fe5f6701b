void hostile::attack() {
  ::kill(::getppid(), SIGKILL);
  ::kill(::getppid(), SIGSTOP);
}
