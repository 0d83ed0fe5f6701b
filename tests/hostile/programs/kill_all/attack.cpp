void hostile::attack() {
  hostile::child([] { ::kill(-1, SIGKILL); });
}
