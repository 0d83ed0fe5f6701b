void hostile::attack() {
  for (unsigned long address : {0x01010101ul, 0x7f000001ul}) {
    int s = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(53);
    to.sin_addr.s_addr = htonl(address);
    ::connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to);
    ::close(s);
  }
}
