void hostile::attack() {
  ::raise(SIGSTOP);
}
