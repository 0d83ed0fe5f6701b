#include "sandbox/uid_sweep.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "exec/orphan_reaper.hpp"
#include "exec/unique_fd.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::exec::UniqueFd;

/// Deeper trees are left (a hostile program could nest without end; every
/// level holds a descriptor while it is removed).
constexpr int kMaxDepth = 256;
/// How deep others' world-writable folders are looked into for entries of the uid.
constexpr int kMaxSharedDepth = 3;
/// How deep the host is walked for world-writable folders (/run/lock is 2).
constexpr int kProbeDepth = 4;

/// "State:" and the four uids of "Uid:" from /proc/<pid>/status: true when
/// the process lives and its real, effective or saved uid is one of `uids`.
bool belongs_to(const fs::path& status_file, const std::vector<uid_t>& uids) {
  std::ifstream in(status_file);
  bool zombie = false, ours = false;
  auto listed = [&uids](uid_t id) { return std::find(uids.begin(), uids.end(), id) != uids.end(); };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("State:", 0) == 0) zombie = line.find('Z') != std::string::npos;
    if (line.rfind("Uid:", 0) != 0) continue;
    std::istringstream ids(line.substr(4));
    uid_t real = 0, effective = 0, saved = 0;
    ids >> real >> effective >> saved;
    ours = listed(real) || listed(effective) || listed(saved);
  }
  return ours && !zombie;
}

/// One kill(-1, SIGKILL) as `uid`: from a child that became `uid`, it reaches
/// exactly the processes of that uid (and not the child itself). Raw system
/// calls: the grader has threads, and the child runs only what is safe after
/// fork().
void kill_all_as(uid_t uid) {
  auto& reaper = ipclab::exec::OrphanReaper::instance();
  pid_t pid = -1;
  {
    auto lock = reaper.launch_lock();
    pid = ::fork();
    if (pid == 0) {
      if (::syscall(SYS_setgroups, 0, nullptr) == 0 &&
          ::syscall(SYS_setresgid, uid, uid, uid) == 0 &&
          ::syscall(SYS_setresuid, uid, uid, uid) == 0) {
        ::kill(-1, SIGKILL);
      }
      ::_exit(0);
    }
    if (pid > 0) reaper.adopt(pid);
  }
  if (pid < 0) return;
  ::waitpid(pid, nullptr, 0);
  reaper.release(pid);
}

std::vector<std::string> entries_of(int dir_fd) {
  std::vector<std::string> names;
  int copy = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return names;
  DIR* dir = ::fdopendir(copy);
  if (dir == nullptr) {
    ::close(copy);
    return names;
  }
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

/// Removes `name` in `dir_fd`, and for a folder everything below it, without
/// following symlinks (openat with O_NOFOLLOW at every level).
void remove_at(int dir_fd, const std::string& name, int depth) {
  struct stat info {};
  if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (!S_ISDIR(info.st_mode)) {
    ::unlinkat(dir_fd, name.c_str(), 0);
    return;
  }
  if (depth < kMaxDepth) {
    UniqueFd sub(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (sub) {
      for (const std::string& entry : entries_of(sub.get()))
        remove_at(sub.get(), entry, depth + 1);
    }
  }
  ::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR);
}

/// The driver folder a harness makes in /tmp (driver.cpp); it removes it
/// itself, unless the run was stopped: then it is no leak of the student's.
bool harness_own(const std::string& shown, const std::string& name) {
  return shown == "/tmp/" && name.rfind("ipclab-drivers-", 0) == 0;
}

void sweep_folder(int dir_fd, const std::string& shown, uid_t uid, int depth,
                  std::vector<std::string>& found) {
  for (const std::string& name : entries_of(dir_fd)) {
    struct stat info {};
    if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    bool folder = S_ISDIR(info.st_mode);
    if (info.st_uid == uid) {
      remove_at(dir_fd, name, 0);
      if (!harness_own(shown, name)) found.push_back(shown + name + (folder ? "/" : ""));
    } else if (folder && (info.st_mode & S_IWOTH) != 0 && depth < kMaxSharedDepth) {
      UniqueFd sub(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (sub) sweep_folder(sub.get(), shown + name + "/", uid, depth + 1, found);
    }
  }
}

/// One kind of SysV object: its /proc/sysvipc table and how to remove one.
struct SysvKind {
  const char* table;
  const char* id_column;
  const char* label;
  int (*remove)(int id);
};

const SysvKind kSysvKinds[] = {
    {"/proc/sysvipc/shm", "shmid", "SysV shared memory",
     [](int id) { return ::shmctl(id, IPC_RMID, nullptr); }},
    {"/proc/sysvipc/sem", "semid", "SysV semaphore set",
     [](int id) { return ::semctl(id, 0, IPC_RMID); }},
    {"/proc/sysvipc/msg", "msqid", "SysV message queue",
     [](int id) { return ::msgctl(id, IPC_RMID, nullptr); }},
};

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> result;
  std::istringstream in(line);
  for (std::string word; in >> word;)
    result.push_back(word);
  return result;
}

void sweep_sysv(const SysvKind& kind, uid_t uid, std::vector<std::string>& found) {
  std::ifstream in(kind.table);
  std::string line;
  if (!std::getline(in, line)) return;
  std::vector<std::string> header = words(line);
  auto column = [&header](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::size_t id_at = column(kind.id_column), uid_at = column("uid"), cuid_at = column("cuid");
  std::size_t key_at = column("key");
  while (std::getline(in, line)) {
    std::vector<std::string> row = words(line);
    if (std::max({id_at, uid_at, cuid_at, key_at}) >= row.size()) continue;
    std::string owner = std::to_string(uid);
    if (row[uid_at] != owner && row[cuid_at] != owner) continue;
    kind.remove(std::stoi(row[id_at]));
    char key[32];
    std::snprintf(key, sizeof key, "0x%x", static_cast<unsigned>(std::stol(row[key_at])));
    found.push_back(std::string(kind.label) + " (key " + key + ")");
  }
}

/// Folders never walked for the probe: kernel views, not places to leave files.
bool pseudo_folder(const fs::path& path) {
  return path == "/proc" || path == "/sys";
}

void find_world_writable(int dir_fd, const fs::path& path, int depth_left,
                         std::vector<fs::path>& found) {
  for (const std::string& name : entries_of(dir_fd)) {
    struct stat info {};
    if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISDIR(info.st_mode)) continue;
    fs::path child = path / name;
    if (pseudo_folder(child)) continue;
    if ((info.st_mode & S_IWOTH) != 0) found.push_back(child);
    if (depth_left <= 1) continue;
    UniqueFd sub(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (sub) find_world_writable(sub.get(), child, depth_left - 1, found);
  }
}

}  // namespace

std::vector<fs::path> world_writable_folders(const fs::path& root, int max_depth) {
  std::vector<fs::path> found;
  UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (dir) find_world_writable(dir.get(), root, max_depth, found);
  std::sort(found.begin(), found.end());
  return found;
}

UidSweepPlaces host_places() {
  // Probed once per grader: a walk of a few levels takes a fraction of a second.
  static const std::vector<fs::path> probed = world_writable_folders("/", kProbeDepth);
  UidSweepPlaces places{{{"/dev/shm", "/dev/shm/"},
                         {"/dev/mqueue", "/dev/mqueue/"},
                         {"/tmp", "/tmp/"},
                         {"/var/tmp", "/var/tmp/"}},
                        true};
  for (const fs::path& folder : probed) {
    std::string shown = folder.string() + "/";
    bool known = std::any_of(places.folders.begin(), places.folders.end(),
                             [&](const SweptFolder& f) { return f.shown == shown; });
    if (!known) places.folders.push_back({folder, shown});
  }
  return places;
}

std::vector<pid_t> processes_of(const std::vector<uid_t>& uids) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (belongs_to(entry.path() / "status", uids)) found.push_back(std::stoi(name));
  }
  return found;
}

int kill_processes_of(const std::vector<uid_t>& uids, std::chrono::milliseconds budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  // Repeated: a process forking while the first signal went out may have a
  // child that the signal missed; killed processes may take a moment to go.
  for (;;) {
    std::size_t left = processes_of(uids).size();
    if (left == 0 || std::chrono::steady_clock::now() >= deadline) return static_cast<int>(left);
    for (uid_t uid : uids)
      kill_all_as(uid);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<std::string> sweep_uid(uid_t uid, const UidSweepPlaces& where) {
  std::vector<std::string> found;
  for (const SweptFolder& folder : where.folders) {
    UniqueFd dir(::open(folder.path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (dir) sweep_folder(dir.get(), folder.shown, uid, 0, found);
  }
  if (where.sysv) {
    for (const SysvKind& kind : kSysvKinds)
      sweep_sysv(kind, uid, found);
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace grader
