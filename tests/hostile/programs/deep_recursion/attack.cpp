namespace {
int hostile_dive(int depth) {
  volatile char frame[1 << 20];
  frame[0] = static_cast<char>(depth);
  return hostile_dive(depth + 1) + frame[0];
}
}  // namespace
void hostile::attack() {
  hostile_dive(0);
}
