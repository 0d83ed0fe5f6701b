// The harness's result channel: its fd 3 through /proc, and any inherited
// descriptor; a forged pass on each, then the driver quits (an honest fail).
void hostile::attack() {
  std::string path = "/proc/" + std::to_string(::getppid()) + "/fd/3";
  int fd = ::open(path.c_str(), O_WRONLY);
  if (fd >= 0) hostile::write_text(fd, hostile::forged_record());
  for (int i = 4; i < 1024; ++i)
    hostile::write_text(i, hostile::forged_record());
  hostile::write_text(3, hostile::forged_record());
  ::_exit(0);
}
