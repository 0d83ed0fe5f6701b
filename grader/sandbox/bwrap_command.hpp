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
ipclab::exec::ProcessSpec wrap_in_bwrap(const ipclab::exec::ProcessSpec& inner,
                                        const BwrapSettings& settings, const SandboxView& view);

}  // namespace grader
