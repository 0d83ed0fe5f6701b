void hostile::attack() {
  (void)!::setuid(0);
  (void)!::chroot("/proc/1/root");
  hostile::child([] { ::execl("/usr/bin/sudo", "sudo", "-n", "true", nullptr); });
  hostile::child([] { ::execl("/bin/su", "su", "-c", "true", nullptr); });
  while (::wait(nullptr) > 0) {
  }
}
