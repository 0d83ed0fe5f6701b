void hostile::attack() {
  for (;;) {
    char* block = static_cast<char*>(std::malloc(64 << 20));
    if (block == nullptr) std::abort();
    std::memset(block, 1, 64 << 20);
  }
}
