// /dev/shm filled with 16 MiB files until it refuses (bounded at 1 GiB).
void hostile::attack() {
  for (int i = 0; i < 64; ++i) {
    std::string name = "/dev/shm/hostile_fill_" + std::to_string(i);
    int fd = ::open(name.c_str(), O_CREAT | O_RDWR, 0600);
    if (fd < 0 || ::ftruncate(fd, 16 << 20) != 0) break;
    void* map = ::mmap(nullptr, 16 << 20, PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) break;
    std::memset(map, 1, 16 << 20);
  }
}
