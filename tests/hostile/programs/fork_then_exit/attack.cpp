void hostile::attack() {
  for (int i = 0; i < 20; ++i)
    hostile::child([] { ::sleep(600); });
}
