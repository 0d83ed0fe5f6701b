void hostile::attack() {
  std::abort();
}
