#include "sandbox/bwrap_command.hpp"

#include <iterator>
#include <set>

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

namespace {

using Args = std::vector<std::string>;

void add(Args& args, std::initializer_list<std::string> words) {
  args.insert(args.end(), words);
}

/// /usr, /etc, ... read-only, or as the links they are; of /etc only the
/// view's entries when it names them.
void add_system(Args& args, const BwrapSettings& settings, const SandboxView& view) {
  for (const SystemEntry& entry : settings.system) {
    if (entry.path == "/etc" && view.etc_entries) continue;
    if (entry.link_target.empty()) {
      add(args, {"--ro-bind", entry.path.string(), entry.path.string()});
    } else {
      add(args, {"--symlink", entry.link_target.string(), entry.path.string()});
    }
  }
  if (!view.etc_entries) return;
  add(args, {"--perms", "0755", "--dir", "/etc"});
  for (const fs::path& entry : *view.etc_entries)
    add(args, {"--ro-bind-try", entry.string(), entry.string()});
}

/// The folders above the view's paths, made 0755 before bwrap makes them
/// 0700: a uid other than bwrap's must enter them. (bwrap leaves a folder
/// that exists as it is; bound paths and mounts are skipped as noise.)
void add_parents(Args& args, const SandboxView& view) {
  std::set<fs::path> made = {"/", "/tmp", "/dev"};
  made.insert(view.read_only.begin(), view.read_only.end());
  made.insert(view.writable.begin(), view.writable.end());
  for (const auto* paths : {&view.read_only, &view.writable}) {
    for (const fs::path& path : *paths) {
      fs::path above;
      for (auto part = path.begin(); part != path.end() && std::next(part) != path.end(); ++part) {
        above /= *part;
        if (made.insert(above).second) add(args, {"--perms", "0755", "--dir", above.string()});
      }
    }
  }
}

void add_view(Args& args, const SandboxView& view) {
  if (view.for_another_uid) add_parents(args, view);
  for (const fs::path& path : view.read_only)
    add(args, {"--ro-bind", path.string(), path.string()});
  for (const fs::path& path : view.writable)
    add(args, {"--bind", path.string(), path.string()});
}

/// setpriv's arguments up to and including "--": `user` with no groups and
/// no capabilities, and no way back (no_new_privs, as bwrap sets anyway).
Args setpriv_arguments(const BwrapSettings& settings, ipclab::exec::Credentials user) {
  return {settings.setpriv.string(),
          "--reuid=" + std::to_string(user.uid),
          "--regid=" + std::to_string(user.gid),
          "--clear-groups",
          "--inh-caps=-all",
          "--bounding-set=-all",
          "--no-new-privs",
          "--"};
}

}  // namespace

std::vector<std::string> bwrap_arguments(const BwrapSettings& settings, const SandboxView& view,
                                         const fs::path& working_dir) {
  // Namespaces: a PID namespace makes the tree killable as one (bwrap's init
  // dies -> the kernel kills the rest) and hides the grader from kill(-1);
  // IPC + a private /dev/shm and /dev/mqueue keep fixed IPC names per run.
  Args args = {"--unshare-pid", "--unshare-ipc", "--unshare-net", "--unshare-uts"};
  if (!settings.as_root) add(args, {"--unshare-user", "--disable-userns"});
  add(args, {"--die-with-parent", "--new-session"});
  add_system(args, settings, view);
  add(args, {"--proc", "/proc"});
  if (view.full_dev) {
    add(args, {"--dev", "/dev"});
  } else {
    add(args, {"--tmpfs", "/dev", "--dev-bind", "/dev/null", "/dev/null"});
  }
  if (view.for_another_uid) add(args, {"--perms", "1777"});
  add(args, {"--tmpfs", "/tmp"});
  if (view.shm_dir.empty()) {
    add(args, {"--tmpfs", "/dev/shm"});
  } else {
    add(args, {"--bind", view.shm_dir.string(), "/dev/shm"});
  }
  add(args, {"--mqueue", "/dev/mqueue"});
  add_view(args, view);
  // The fresh root itself is a tmpfs: nothing may be written there.
  add(args, {"--remount-ro", "/"});
  if (!working_dir.empty()) add(args, {"--chdir", working_dir.string()});
  args.push_back("--");
  return args;
}

ipclab::exec::ProcessSpec wrap_in_bwrap(const ipclab::exec::ProcessSpec& inner,
                                        const BwrapSettings& settings, const SandboxView& view) {
  ipclab::exec::ProcessSpec outer = inner;
  outer.executable = settings.bwrap;
  const bool drop_inside = settings.as_root && inner.run_as.has_value();
  SandboxView seen = view;
  seen.for_another_uid = view.for_another_uid || drop_inside;
  outer.args = bwrap_arguments(settings, seen, inner.working_dir);
  if (drop_inside) {
    outer.run_as.reset();
    Args setpriv = setpriv_arguments(settings, *inner.run_as);
    outer.args.insert(outer.args.end(), setpriv.begin(), setpriv.end());
  }
  outer.args.push_back(inner.executable.string());
  outer.args.insert(outer.args.end(), inner.args.begin(), inner.args.end());
  return outer;
}

}  // namespace grader
