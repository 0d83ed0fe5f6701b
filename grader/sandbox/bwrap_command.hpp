#pragma once
// The bubblewrap command line of a sandboxed process, as data: tests compare
// the exact arguments.
//
// The view is an allow-list: a fresh root (a tmpfs, remounted read-only at
// the end) with the system's programs and libraries (/usr, /etc and the /bin,
// /lib* links) read-only, and only the paths a run names. Nothing else of the
// host is there -- no /home, /root, /work, /var, /run (no session bus, no
// XDG_RUNTIME_DIR), no other submission's workspace, no solutions/, tests/ or
// .git of the course. Paths keep their host names, so the environment and the
// rerun hints stay valid. An allow-list cannot forget a folder the way a
// deny-list over `--ro-bind / /` can.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exec/process_spec.hpp"

namespace grader {

/// What a sandboxed process may see besides the system.
struct SandboxView {
  std::vector<std::filesystem::path> read_only;  ///< bound read-only at the same path
  std::vector<std::filesystem::path> writable;   ///< bound read-write at the same path
  /// A host folder seen as /dev/shm, so leftovers can be named after the run;
  /// empty: a private tmpfs.
  std::filesystem::path shm_dir;
  /// A full /dev (null, zero, random, tty...). Builds get only /dev/null, so
  /// `#include "/dev/zero"` is a clean "file not found".
  bool full_dev = true;
  /// The entries of /etc to show (those that exist); nullopt: all of /etc.
  /// A compile needs none but the compilers' alternatives links
  /// (/usr/bin/c++ -> /etc/alternatives/c++), not the host's accounts, keys
  /// and settings.
  std::optional<std::vector<std::filesystem::path>> etc_entries;
  /// The program runs as a uid other than bwrap's (wrap_in_bwrap() sets it
  /// for a spec with `run_as`, as root): the folders bwrap makes for the
  /// paths above the bound ones are made 0755 (bwrap's own are 0700 as root)
  /// and /tmp is 1777, as on the host; otherwise that uid could use neither.
  bool for_another_uid = false;
};

/// One top-level entry of the host's system folders: a symbolic link
/// (/bin -> usr/bin on merged-/usr systems) or a folder to bind read-only.
struct SystemEntry {
  std::filesystem::path path;
  std::filesystem::path link_target;  ///< empty for a folder
};

/// /usr, /etc, /bin, /sbin, /lib, /lib32, /lib64, /libx32 as they exist here.
std::vector<SystemEntry> host_system_entries();

struct BwrapSettings {
  std::filesystem::path bwrap = "/usr/bin/bwrap";
  /// What drops a program to its `run_as` uid inside the sandbox as root
  /// (util-linux, essential on Debian and Ubuntu; under /usr, so in the view).
  std::filesystem::path setpriv = "/usr/bin/setpriv";
  /// The grader runs as root: no user namespace, so the harness stays root
  /// inside and can drop drivers to the test's own uid (uid_slots.hpp), who
  /// then cannot signal, trace or read the harness. Otherwise a user namespace maps the user to
  /// itself.
  bool as_root = false;
  std::vector<SystemEntry> system = host_system_entries();
};

/// bwrap's arguments (without argv[0]) up to and including "--".
std::vector<std::string> bwrap_arguments(const BwrapSettings& settings, const SandboxView& view,
                                         const std::filesystem::path& working_dir);

/// `inner` run inside bubblewrap: the same environment, limits, descriptors
/// (bwrap passes them through; fd 3 stays the result channel) and cgroups.
/// As root, an `inner.run_as` is applied inside, after bwrap has set up the
/// namespaces (bwrap itself needs root without a user namespace): setpriv
/// drops to that uid and gid, no supplementary groups and no capabilities,
/// with no_new_privs. Without root it stays on the spec (the runner's
/// setuid() needs root: a spawn error).
ipclab::exec::ProcessSpec wrap_in_bwrap(const ipclab::exec::ProcessSpec& inner,
                                        const BwrapSettings& settings, const SandboxView& view);

}  // namespace grader
