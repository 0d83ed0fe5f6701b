// Files outside the run: $HOME, /tmp, /var/tmp, the course tree.
void hostile::attack() {
  const char* home = std::getenv("HOME");
  for (std::string path :
       {std::string(home ? home : ".") + "/.bashrc", std::string("/tmp/hostile-escape"),
        std::string("/var/tmp/hostile-escape"), std::string("/root/hostile-escape")}) {
    int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_APPEND, 0644);
    if (fd >= 0) hostile::write_text(fd, "echo hostile\n");
  }
}
