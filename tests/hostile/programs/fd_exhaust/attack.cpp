void hostile::attack() {
  while (::open("/dev/null", O_RDONLY) >= 0) {
  }
}
