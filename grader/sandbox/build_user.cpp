#include "sandbox/build_user.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "exec/unique_fd.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::Credentials;
using ipclab::exec::UniqueFd;

[[noreturn]] void cannot_hand_over(const char* step, const fs::path& path) {
  throw GraderError("cannot give " + path.string() + " to the build user (" + step +
                    "): " + std::strerror(errno));
}

/// Hands over what `dir_fd` holds, depth first; `shown` names it in errors.
void hand_over_entries(int dir_fd, const fs::path& shown, Credentials user) {
  // readdir() needs a DIR of its own; a close-on-exec copy, since other
  // threads start processes meanwhile.
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::fdopendir(::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0)),
                                          ::closedir);
  if (!dir) cannot_hand_over("opendir", shown);
  while (const dirent* entry = ::readdir(dir.get())) {
    const char* name = entry->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    struct stat info {};
    if (::fstatat(dir_fd, name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;
      cannot_hand_over("stat", shown / name);
    }
    if ((info.st_uid != user.uid || info.st_gid != user.gid) &&
        ::fchownat(dir_fd, name, user.uid, user.gid, AT_SYMLINK_NOFOLLOW) != 0) {
      cannot_hand_over("chown", shown / name);
    }
    if (!S_ISDIR(info.st_mode)) continue;
    UniqueFd child(::openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!child) cannot_hand_over("open", shown / name);
    hand_over_entries(child.get(), shown / name, user);
  }
}

/// True when `user` has every permission of `wanted` (given as the owner's
/// bits: S_IRUSR, S_IXUSR) on a file with `info`, as the kernel decides: the
/// owner's bits for the owner, the group's for the group, the others' else.
bool permits(const struct stat& info, Credentials user, mode_t wanted) {
  mode_t bits = info.st_mode & 0777;
  if (info.st_uid != user.uid) bits <<= (info.st_gid == user.gid ? 3 : 6);
  return (bits & wanted) == wanted;
}

/// What `user` needs on `path`: to read a file, to list and enter a folder.
bool can_read(const fs::path& path, Credentials user) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || S_ISLNK(info.st_mode)) return true;
  return permits(info, user, S_ISDIR(info.st_mode) ? S_IRUSR | S_IXUSR : S_IRUSR);
}

bool can_enter(const fs::path& folder, Credentials user) {
  struct stat info {};
  return ::stat(folder.c_str(), &info) != 0 || permits(info, user, S_IXUSR);
}

std::string problem(Credentials user, const std::string& what, const fs::path& path,
                    const std::string& fix) {
  return "compiles run as the unprivileged uid " + std::to_string(user.uid) +
         " (the grader is root), which cannot " + what + " " + path.string() + ": run `" + fix +
         "`";
}

/// The first folder above `path` that `user` cannot enter, as a problem.
std::string parents_problem(const fs::path& path, Credentials user) {
  fs::path above;
  for (auto part = path.begin(); part != path.end(); ++part) {
    above /= *part;
    if (above == path) break;
    if (!can_enter(above, user))
      return problem(user, "enter", above, "chmod o+x " + above.string());
  }
  return "";
}

std::string tree_problem(const fs::path& tree, Credentials user) {
  const std::string fix = "chmod -R o+rX " + tree.string();
  if (!can_read(tree, user)) return problem(user, "read", tree, fix);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(tree, ec), end; !ec && it != end; it.increment(ec)) {
    if (!can_read(it->path(), user)) return problem(user, "read", it->path(), fix);
  }
  return "";
}

}  // namespace

Credentials build_user_of(const UidRange& range) {
  unsigned long uid = static_cast<unsigned long>(range.first) + 2ul * range.count;
  // (uid_t)-1 means "no change" to setresuid(): never a uid to run as.
  if (uid >= 0xffffffffUL) {
    throw GraderError("the build uid " + std::to_string(uid) +
                      " is past the uid space: choose a lower IPCLAB_UID_BASE");
  }
  return {static_cast<uid_t>(uid), static_cast<gid_t>(uid)};
}

std::optional<Credentials> build_user_for_this_process() {
  if (::geteuid() != 0) return std::nullopt;
  return build_user_of(configured_uid_range());
}

void hand_over_tree(const fs::path& dir, Credentials user) {
  UniqueFd top(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!top) cannot_hand_over("open", dir);
  if (::fchown(top.get(), user.uid, user.gid) != 0) cannot_hand_over("chown", dir);
  hand_over_entries(top.get(), dir, user);
}

std::string build_user_access_problem(const BuildReads& reads, Credentials user) {
  for (const fs::path& tree : reads.trees) {
    if (std::string why = reads.parents ? parents_problem(tree, user) : ""; !why.empty())
      return why;
    if (std::string why = tree_problem(tree, user); !why.empty()) return why;
  }
  for (const fs::path& folder : reads.folders) {
    if (std::string why = reads.parents ? parents_problem(folder, user) : ""; !why.empty())
      return why;
    if (!can_read(folder, user))
      return problem(user, "read", folder, "chmod o+rX " + folder.string());
  }
  return "";
}

}  // namespace grader
