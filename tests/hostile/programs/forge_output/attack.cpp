void hostile::attack() {
  for (int fd : {1, 2}) {
    hostile::write_text(fd, hostile::forged_record());
    hostile::write_text(fd,
                        "[       OK ] pipe_ping_pong.wire_format (1 ms)\n\x1b[2J\x1b]0;pwned\x07");
    hostile::write_text(fd, std::string("ok\0\xff\xfe", 5) + "timelimit exceeded\n");
  }
  ::_exit(0);
}
