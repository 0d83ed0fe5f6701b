#include "harness/diagnosis.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <map>
#include <optional>
#include <set>

#include "exec/fd_table.hpp"
#include "exec/process_tree.hpp"

namespace ipclab::harness {
namespace {

using exec::OpenFile;

constexpr long kControlFd = 3;  // see driver.cpp
using exec::ProcessInfo;

/// The processes of the test and what they hold open.
struct Scene {
  std::vector<ProcessInfo> processes;   ///< the trees, roots first, with blocking calls
  std::map<pid_t, std::string> labels;  ///< every process of the scene, harness included
  std::map<pid_t, std::vector<OpenFile>> files;
  std::set<pid_t> roots;  ///< the drivers themselves (their fd 3 is the control channel)

  std::string label(pid_t pid) const {
    auto it = labels.find(pid);
    return it != labels.end() ? it->second : "process " + std::to_string(pid);
  }
};

Scene look(const std::vector<LabelledRoot>& roots) {
  Scene scene;
  scene.labels[::getpid()] = "the test harness";
  for (const LabelledRoot& root : roots) {
    scene.roots.insert(root.pid);
    std::vector<ProcessInfo> tree = exec::snapshot_tree(root.pid);
    for (const ProcessInfo& p : tree) {
      scene.labels[p.pid] =
          p.pid == root.pid ? root.label + " (pid " + std::to_string(p.pid) + ")"
                            : "a child of " + root.label + " (pid " + std::to_string(p.pid) + ")";
      scene.processes.push_back(p);
    }
  }
  for (const auto& [pid, label] : scene.labels)
    scene.files[pid] = exec::open_files(pid);
  return scene;
}

const OpenFile* file_of(const Scene& scene, pid_t pid, long fd) {
  auto it = scene.files.find(pid);
  if (it == scene.files.end()) return nullptr;
  for (const OpenFile& f : it->second) {
    if (f.fd == fd) return &f;
  }
  return nullptr;
}

/// The open descriptors, across the scene, of the file with `inode`.
std::vector<OpenFile> holders(const Scene& scene, unsigned long inode, bool writers_only) {
  std::vector<OpenFile> found;
  for (const auto& [pid, files] : scene.files) {
    for (const OpenFile& f : files) {
      if (exec::inode_of(f.target) == inode && (!writers_only || f.writable)) found.push_back(f);
    }
  }
  return found;
}

const ProcessInfo* process_of(const Scene& scene, pid_t pid) {
  for (const ProcessInfo& p : scene.processes) {
    if (p.pid == pid) return &p;
  }
  return nullptr;
}

/// "a child of your driver (pid 7) fd 4 (itself), the test harness fd 9"
std::string describe_holders(const Scene& scene, const std::vector<OpenFile>& files, pid_t self) {
  std::string list;
  for (const OpenFile& f : files) {
    if (!list.empty()) list += ", ";
    list += scene.label(f.pid) + " fd " + std::to_string(f.fd);
    if (f.pid == self) list += " (itself)";
  }
  return list;
}

bool is_read(long call) {
  return call == SYS_read || call == SYS_readv || call == SYS_recvfrom || call == SYS_recvmsg;
}

bool is_write(long call) {
  return call == SYS_write || call == SYS_writev || call == SYS_sendto || call == SYS_sendmsg;
}

std::string explain_read(const Scene& scene, const ProcessInfo& p, const OpenFile& file) {
  auto inode = exec::inode_of(file.target);
  if (!inode) return "";
  bool pipe = file.target.rfind("pipe:", 0) == 0;
  std::optional<unsigned long> other = pipe ? inode : exec::unix_peer(*inode);
  std::string text = "    It waits for data on fd " + std::to_string(file.fd) + " (" +
                     (pipe ? "a pipe" : "a socket") + ").";
  if (!other) return text;
  std::vector<OpenFile> open_in = holders(scene, *other, pipe);
  if (open_in.empty()) return text + " Nobody holds the other end any more.";
  text += std::string(" The ") + (pipe ? "write end of that pipe" : "other end of that socket") +
          " is open in: " + describe_holders(scene, open_in, p.pid) + ".";
  bool holds_itself = false, someone_runs = false;
  for (const OpenFile& f : open_in) {
    holds_itself = holds_itself || f.pid == p.pid;
    const ProcessInfo* holder = process_of(scene, f.pid);
    someone_runs = someone_runs || (holder != nullptr && holder->state == 'R');
  }
  if (holds_itself && scene.roots.count(p.pid) == 0) {
    return text +
           "\n    It holds the other end itself, so it can never see end-of-file: "
           "after fork(), close the ends a process does not use.";
  }
  if (holds_itself) {
    return text +
           "\n    It holds the other end itself: nothing arrives unless something is "
           "written there, and end-of-file never comes while it keeps that end open.";
  }
  if (!someone_runs) {
    return text +
           "\n    Every process that could write to it is waiting too: nobody will send it "
           "anything, and as long as they hold the other end, end-of-file never comes.";
  }
  return text;
}

std::string explain_write(const Scene& scene, const ProcessInfo& p, const OpenFile& file) {
  auto inode = exec::inode_of(file.target);
  if (!inode) return "";
  bool pipe = file.target.rfind("pipe:", 0) == 0;
  std::optional<unsigned long> other = pipe ? inode : exec::unix_peer(*inode);
  std::string text = "    It waits to write on fd " + std::to_string(file.fd) +
                     ": the buffer is full because nobody is reading the other end";
  if (other) {
    std::vector<OpenFile> open_in = holders(scene, *other, false);
    if (!open_in.empty()) text += " (held by " + describe_holders(scene, open_in, p.pid) + ")";
  }
  return text + ".\n    If both sides write a large message before reading, both wait forever.";
}

std::string explain(const Scene& scene, const ProcessInfo& p) {
  if (p.state == 'Z')
    return "    It has exited, but its parent has not collected it with waitpid().";
  if (p.syscall == SYS_wait4 || p.syscall == SYS_waitid) {
    return "    It waits for a child process to exit.";
  }
  if (p.syscall == SYS_futex) return "    It waits on a lock or a condition variable.";
  if (p.syscall < 0 || p.syscall_args.empty()) return "";
  if (is_read(p.syscall) && p.syscall_args[0] == kControlFd && scene.roots.count(p.pid) != 0) {
    return "    It is idle, waiting for the test's next command.";
  }
  const OpenFile* file = file_of(scene, p.pid, p.syscall_args[0]);
  if (file == nullptr) return "";
  if (is_read(p.syscall)) return explain_read(scene, p, *file);
  if (is_write(p.syscall)) return explain_write(scene, p, *file);
  return "";
}

}  // namespace

std::string diagnose_hang(const std::vector<LabelledRoot>& roots) {
  Scene scene = look(roots);
  std::string text = "What each process was doing:";
  for (const ProcessInfo& p : scene.processes) {
    text += "\n  - " + scene.label(p.pid) + ": " + exec::describe_activity(p);
    if (std::string why = explain(scene, p); !why.empty()) text += "\n" + why;
  }
  return text;
}

}  // namespace ipclab::harness
