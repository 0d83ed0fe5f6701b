void hostile::attack() {
  ::raise(SIGSEGV);
}
