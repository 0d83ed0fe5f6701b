void hostile::attack() {
  for (;;)
    hostile::write_text(1, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n");
}
