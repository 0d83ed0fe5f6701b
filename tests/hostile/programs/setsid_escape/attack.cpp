void hostile::attack() {
  hostile::child([] {
    ::setsid();
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGHUP, SIG_IGN);
    if (::fork() == 0) {
      hostile::mark();
      ::sleep(600);
    }
  });
}
