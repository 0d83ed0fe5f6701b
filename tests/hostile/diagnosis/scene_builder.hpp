#pragma once
// Recorded scenes for the verdict tests: processes as /proc showed them, the
// descriptors they held, and stacks in eu-stack's format.

#include <sys/syscall.h>

#include <string>
#include <vector>

#include "harness/hang_scene.hpp"

namespace hang_test {

using ipclab::harness::Scene;

struct SceneBuilder {
  Scene scene;

  /// A process of the test: state, blocking call and its first argument.
  SceneBuilder& process(pid_t pid, pid_t ppid, const std::string& label, char state, long syscall,
                        long arg0 = 0, double cpu = 0.0) {
    ipclab::exec::ProcessInfo p;
    p.pid = pid;
    p.ppid = ppid;
    p.state = state;
    p.syscall = syscall;
    if (syscall >= 0) p.syscall_args = {arg0, 0, 0};
    scene.processes.push_back(p);
    scene.labels[pid] = label;
    scene.cpu_share[pid] = cpu;
    return *this;
  }
  SceneBuilder& root(pid_t pid) {
    scene.roots.insert(pid);
    return *this;
  }
  /// An open descriptor: "pipe:[7]" with writable for a write end.
  SceneBuilder& fd(pid_t pid, int fd, const std::string& target, bool writable) {
    scene.files[pid].push_back({pid, fd, target, writable, !writable});
    return *this;
  }
  /// What `pid` waits for by the shared object it waits on (an exercise's evidence).
  SceneBuilder& waits(pid_t pid, ipclab::harness::WaitFact::Want want, const std::string& call,
                      const std::string& object, const std::string& state, bool satisfied) {
    scene.waits[pid] = {want, call, object, state, satisfied};
    return *this;
  }
  /// How the zombie `pid` ended ("was killed by SIGABRT: ...").
  SceneBuilder& ending(pid_t pid, const std::string& text) {
    scene.endings[pid] = text;
    return *this;
  }
  /// The main thread's stack, innermost first: "function@file:line" or "function".
  SceneBuilder& stack(pid_t pid, const std::vector<std::string>& frames) {
    ipclab::harness::ThreadStack thread{pid, {}};
    for (const std::string& text : frames) {
      auto at = text.find('@');
      ipclab::harness::Frame frame{text.substr(0, at), "", 0};
      if (at != std::string::npos) {
        auto colon = text.rfind(':');
        frame.file = text.substr(at + 1, colon - at - 1);
        frame.line = std::stoi(text.substr(colon + 1));
      }
      thread.frames.push_back(frame);
    }
    scene.stacks[pid].push_back(thread);
    return *this;
  }
};

}  // namespace hang_test
