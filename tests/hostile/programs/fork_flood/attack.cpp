// A bounded fork bomb: 400 sleeping processes (the unbounded one is not run,
// see docs/hostile.md).
void hostile::attack() {
  hostile::child([] {
    for (int i = 0; i < 400; ++i)
      hostile::child([] { ::sleep(600); });
    ::sleep(600);
  });
}
