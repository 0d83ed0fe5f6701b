void hostile::attack() {
  for (volatile unsigned long i = 0;; i = i + 1) {
  }
}
