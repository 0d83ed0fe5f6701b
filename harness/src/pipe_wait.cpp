#include "pipe_wait.hpp"

#include <unistd.h>

#include "harness/words.hpp"

namespace ipclab::harness {
namespace {

bool is_pipe(const exec::OpenFile& file) {
  return file.target.rfind("pipe:", 0) == 0;
}

}  // namespace

std::optional<std::vector<exec::OpenFile>> other_end(const Scene& scene, const exec::OpenFile& file,
                                                     bool writers_only) {
  auto inode = exec::inode_of(file.target);
  if (!inode) return std::nullopt;
  unsigned long other = *inode;
  if (!is_pipe(file)) {
    auto peer = scene.socket_peers.find(*inode);
    if (peer == scene.socket_peers.end()) return std::nullopt;
    other = peer->second;
  }
  std::vector<exec::OpenFile> found;
  for (const auto& [pid, files] : scene.files) {
    for (const exec::OpenFile& f : files) {
      if (exec::inode_of(f.target) == other && (!writers_only || f.writable)) found.push_back(f);
    }
  }
  return found;
}

std::string describe_holders(const Scene& scene, const std::vector<exec::OpenFile>& files,
                             pid_t self) {
  std::string list;
  for (const exec::OpenFile& f : files) {
    if (!list.empty()) list += ", ";
    list += trf("{} fd {}", scene.label(f.pid), f.fd);
    if (f.pid == self) list += tr(" (itself)");
  }
  return list;
}

bool writer_may_come(const Scene& scene, const std::vector<exec::OpenFile>& holders) {
  for (const exec::OpenFile& f : holders) {
    const exec::ProcessInfo* holder = scene.process(f.pid);
    if (holder != nullptr && holder->state == 'R') return true;
  }
  return false;
}

std::string explain_read(const Scene& scene, const exec::ProcessInfo& p,
                         const exec::OpenFile& file) {
  if (!exec::inode_of(file.target)) return "";
  bool pipe = is_pipe(file);
  std::string text = pipe ? trf("    It waits for data on fd {} (a pipe).", file.fd)
                          : trf("    It waits for data on fd {} (a socket).", file.fd);
  auto open_in = other_end(scene, file, pipe);
  if (!open_in) return text;
  if (open_in->empty()) return text + tr(" Nobody holds the other end any more.");
  const std::string holders = describe_holders(scene, *open_in, p.pid);
  text += pipe ? trf(" The write end of that pipe is open in: {}.", holders)
               : trf(" The other end of that socket is open in: {}.", holders);
  bool holds_itself = false;
  for (const exec::OpenFile& f : *open_in)
    holds_itself = holds_itself || f.pid == p.pid;
  if (holds_itself && scene.roots.count(p.pid) == 0) {
    return text + tr("\n    It holds the other end itself, so it can never see end-of-file: "
                     "after fork(), close the ends a process does not use.");
  }
  if (holds_itself) {
    return text + tr("\n    It holds the other end itself: nothing arrives unless something is "
                     "written there, and end-of-file never comes while it keeps that end open.");
  }
  if (!writer_may_come(scene, *open_in)) {
    return text + tr("\n    Every process that could write to it is waiting too: nobody will send "
                     "it anything, and as long as they hold the other end, end-of-file never "
                     "comes.");
  }
  return text;
}

std::string explain_write(const Scene& scene, const exec::ProcessInfo& p,
                          const exec::OpenFile& file) {
  std::string text = trf(
      "    It waits to write on fd {}: the buffer is full because nobody is reading the other end",
      file.fd);
  if (auto open_in = other_end(scene, file, false); open_in && !open_in->empty()) {
    text += trf(" (held by {})", describe_holders(scene, *open_in, p.pid));
  }
  return text + tr(".\n    If both sides write a large message before reading, both wait forever.");
}

}  // namespace ipclab::harness
