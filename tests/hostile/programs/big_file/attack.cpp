void hostile::attack() {
  ::signal(SIGXFSZ, SIG_IGN);
  int fd = ::open("hostile_big", O_CREAT | O_WRONLY, 0600);
  static char block[1 << 20];
  for (int i = 0; i < 4096 && ::write(fd, block, sizeof block) > 0; ++i) {
  }
  ::lseek(fd, 1l << 40, SEEK_SET);
  hostile::write_text(fd, "sparse");
}
