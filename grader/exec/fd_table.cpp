#include "fd_table.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "unique_fd.hpp"

namespace ipclab::exec {
namespace {

int open_flags(pid_t pid, int fd) {
  std::ifstream info("/proc/" + std::to_string(pid) + "/fdinfo/" + std::to_string(fd));
  std::string key;
  while (info >> key) {
    if (key == "flags:") {
      std::string octal;
      info >> octal;
      return static_cast<int>(std::strtol(octal.c_str(), nullptr, 8));
    }
  }
  return -1;
}

/// Sends a UNIX sock_diag request for one inode and returns its peer.
std::optional<unsigned long> ask_peer(int sock, unsigned long inode) {
  struct {
    nlmsghdr header;
    unix_diag_req request;
  } message{};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST;
  message.request.sdiag_family = AF_UNIX;
  message.request.udiag_states = ~0U;
  message.request.udiag_ino = static_cast<__u32>(inode);
  message.request.udiag_cookie[0] = message.request.udiag_cookie[1] = ~0U;
  message.request.udiag_show = UDIAG_SHOW_PEER;
  if (::send(sock, &message, sizeof message, 0) < 0) return std::nullopt;
  alignas(nlmsghdr) char buffer[8192];
  ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
  if (n <= 0) return std::nullopt;
  auto* header = reinterpret_cast<nlmsghdr*>(buffer);
  if (!NLMSG_OK(header, static_cast<unsigned>(n)) || header->nlmsg_type != SOCK_DIAG_BY_FAMILY) {
    return std::nullopt;
  }
  auto* diag = static_cast<unix_diag_msg*>(NLMSG_DATA(header));
  int left = static_cast<int>(header->nlmsg_len - NLMSG_LENGTH(sizeof *diag));
  for (auto* attr = reinterpret_cast<rtattr*>(diag + 1); RTA_OK(attr, left);
       attr = RTA_NEXT(attr, left)) {
    if (attr->rta_type == UNIX_DIAG_PEER) return *static_cast<__u32*>(RTA_DATA(attr));
  }
  return std::nullopt;
}

}  // namespace

std::vector<OpenFile> open_files(pid_t pid) {
  std::vector<OpenFile> files;
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* listing = ::opendir(dir.c_str());
  if (listing == nullptr) return files;
  while (dirent* entry = ::readdir(listing)) {
    if (entry->d_name[0] == '.') continue;
    char target[256];
    ssize_t n = ::readlink((dir + "/" + entry->d_name).c_str(), target, sizeof target - 1);
    if (n < 0) continue;
    OpenFile file;
    file.pid = pid;
    file.fd = std::atoi(entry->d_name);
    file.target.assign(target, static_cast<std::size_t>(n));
    int flags = open_flags(pid, file.fd);
    int mode = flags < 0 ? O_RDWR : (flags & O_ACCMODE);
    file.writable = mode == O_WRONLY || mode == O_RDWR;
    file.readable = mode == O_RDONLY || mode == O_RDWR;
    files.push_back(std::move(file));
  }
  ::closedir(listing);
  return files;
}

std::optional<unsigned long> inode_of(const std::string& target) {
  for (const char* prefix : {"pipe:[", "socket:["}) {
    if (target.rfind(prefix, 0) == 0) {
      return std::strtoul(target.c_str() + std::strlen(prefix), nullptr, 10);
    }
  }
  return std::nullopt;
}

std::optional<unsigned long> unix_peer(unsigned long inode) {
  UniqueFd sock(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
  if (!sock) return std::nullopt;
  return ask_peer(sock.get(), inode);
}

}  // namespace ipclab::exec
