namespace {
char hostile_huge[3ul << 30];  // 3 GiB of zeroed static data
}
void hostile::attack() {
  std::memset(hostile_huge, 1, sizeof hostile_huge);
}
