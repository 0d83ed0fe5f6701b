#include "sandbox/bwrap_command.hpp"

namespace grader {

namespace fs = std::filesystem;

std::vector<SystemEntry> host_system_entries() {
  std::vector<SystemEntry> entries;
  for (const char* name :
       {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    fs::path path(name);
    if (fs::is_symlink(path, ec)) {
      entries.push_back({path, fs::read_symlink(path, ec)});
    } else if (fs::is_directory(path, ec)) {
      entries.push_back({path, {}});
    }
  }
  return entries;
}

std::vector<std::string> bwrap_arguments(const BwrapSettings& settings, const SandboxView& view,
                                         const fs::path& working_dir) {
  // Namespaces: a PID namespace makes the tree killable as one (bwrap's init
  // dies -> the kernel kills the rest) and hides the grader from kill(-1);
  // IPC + a private /dev/shm and /dev/mqueue keep fixed IPC names per run.
  std::vector<std::string> args = {"--unshare-pid", "--unshare-ipc", "--unshare-net",
                                   "--unshare-uts"};
  if (!settings.as_root) {
    args.insert(args.end(), {"--unshare-user", "--disable-userns"});
  }
  args.insert(args.end(), {"--die-with-parent", "--new-session"});
  for (const SystemEntry& entry : settings.system) {
    if (entry.link_target.empty()) {
      args.insert(args.end(), {"--ro-bind", entry.path.string(), entry.path.string()});
    } else {
      args.insert(args.end(), {"--symlink", entry.link_target.string(), entry.path.string()});
    }
  }
  args.insert(args.end(), {"--proc", "/proc"});
  if (view.full_dev) {
    args.insert(args.end(), {"--dev", "/dev"});
  } else {
    args.insert(args.end(), {"--tmpfs", "/dev", "--dev-bind", "/dev/null", "/dev/null"});
  }
  args.insert(args.end(), {"--tmpfs", "/tmp"});
  if (view.shm_dir.empty()) {
    args.insert(args.end(), {"--tmpfs", "/dev/shm"});
  } else {
    args.insert(args.end(), {"--bind", view.shm_dir.string(), "/dev/shm"});
  }
  args.insert(args.end(), {"--mqueue", "/dev/mqueue"});
  for (const fs::path& path : view.read_only) {
    args.insert(args.end(), {"--ro-bind", path.string(), path.string()});
  }
  for (const fs::path& path : view.writable) {
    args.insert(args.end(), {"--bind", path.string(), path.string()});
  }
  // The fresh root itself is a tmpfs: nothing may be written there.
  args.insert(args.end(), {"--remount-ro", "/"});
  if (!working_dir.empty()) args.insert(args.end(), {"--chdir", working_dir.string()});
  args.push_back("--");
  return args;
}

ipclab::exec::ProcessSpec wrap_in_bwrap(const ipclab::exec::ProcessSpec& inner,
                                        const BwrapSettings& settings, const SandboxView& view) {
  ipclab::exec::ProcessSpec outer = inner;
  outer.executable = settings.bwrap;
  outer.args = bwrap_arguments(settings, view, inner.working_dir);
  outer.args.push_back(inner.executable.string());
  outer.args.insert(outer.args.end(), inner.args.begin(), inner.args.end());
  return outer;
}

}  // namespace grader
