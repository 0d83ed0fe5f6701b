#pragma once
// The user every compile runs as when the grader is root. A compile used to
// run as root: `#include "/etc/shadow"` put the host's password hashes into
// the build log. Now it runs as a uid of its own, which is not root and not
// the uid of any test run, owns the workspace's build folder (and the shared
// compiler cache), and reads the course only as "other" does.
//
// One build uid is shared by every compile, of every workspace and every
// grader on the machine: a compile never executes student code (no test runs
// as this uid), so there is nobody to keep apart. Its uid sits just past the
// test runs' block of uids and the reference drivers' block after it
// (uid_slots.hpp), and moves with them (IPCLAB_UID_BASE).

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exec/process_spec.hpp"
#include "sandbox/uid_slots.hpp"

namespace grader {

/// The build user of `range`: uid = gid = range.first + 2 * range.count,
/// past the test runs' block and the reference drivers' block (by default
/// 0x7ffd0800, 2147289088). Throws GraderError when that is past the uid space.
ipclab::exec::Credentials build_user_of(const UidRange& range);

/// The build user (of configured_uid_range()) when this process is root;
/// nullopt otherwise (a compile then runs as the grader's user).
std::optional<ipclab::exec::Credentials> build_user_for_this_process();

/// Gives `dir` and everything below it to `user`, never following a symbolic
/// link: the walk goes through descriptors (openat with O_NOFOLLOW) and
/// changes links themselves (fchownat with AT_SYMLINK_NOFOLLOW). Entries the
/// user owns already are left alone. Throws GraderError.
void hand_over_tree(const std::filesystem::path& dir, ipclab::exec::Credentials user);

/// What a compile reads, checked before it runs.
struct BuildReads {
  /// Read whole: the course's exercises/ and cmake/, the kit's prebuilt code.
  std::vector<std::filesystem::path> trees;
  /// Listed and entered only: the workspace, the compiler cache.
  std::vector<std::filesystem::path> folders;
  /// The folders above all of them must be entered too: true without a
  /// bubblewrap view (which makes the folders above a bound path itself).
  bool parents = false;
};

/// "" when `user` can read all of `reads`, as the kernel decides from the
/// mode bits (owner, group, other -- not ACLs); otherwise one line naming the
/// first thing it cannot read or enter, and the chmod that fixes it.
std::string build_user_access_problem(const BuildReads& reads, ipclab::exec::Credentials user);

}  // namespace grader
