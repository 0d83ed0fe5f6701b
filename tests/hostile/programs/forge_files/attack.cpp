// Result-looking files wherever it can write, then quit.
void hostile::attack() {
  for (const char* dir : {".", "..", "../..", "/tmp", "/dev/shm", "/var/tmp"}) {
    for (const char* name : {"/results.json", "/report.json", "/hostile-forged.json"}) {
      std::string path = std::string(dir) + name;
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        hostile::write_text(fd, hostile::forged_record());
        ::close(fd);
      }
    }
  }
  ::_exit(0);
}
