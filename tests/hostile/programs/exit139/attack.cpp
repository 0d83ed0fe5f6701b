void hostile::attack() {
  ::_exit(139);
}
