#pragma once
// Who holds which pipe or socket: the facts behind "the child never saw
// end-of-file because a write end is still open in process 1234".

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace ipclab::exec {

/// One open descriptor of a process.
struct OpenFile {
  pid_t pid = 0;
  int fd = -1;
  std::string target;     ///< the /proc/<pid>/fd link: "pipe:[4242]", "socket:[77]", a path
  bool writable = false;  ///< opened for writing (pipes: this is a write end)
  bool readable = false;
};

/// The open descriptors of `pid` (empty if it cannot be inspected).
std::vector<OpenFile> open_files(pid_t pid);

/// "pipe:[4242]" -> 4242 for pipes and sockets; nullopt otherwise.
std::optional<unsigned long> inode_of(const std::string& target);

/// The inode of the other end of the UNIX socket with inode `inode`, asked
/// from the kernel with sock_diag; nullopt if unknown.
std::optional<unsigned long> unix_peer(unsigned long inode);

}  // namespace ipclab::exec
