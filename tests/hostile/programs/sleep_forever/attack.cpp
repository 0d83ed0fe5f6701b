void hostile::attack() {
  for (;;)
    ::pause();
}
