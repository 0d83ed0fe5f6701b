#include "sandbox/cgroup.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "host/file_contents.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr const char* kParent = "ipclab";

std::string read_or_empty(const fs::path& path) {
  return ipclab::host::read_file(path).value_or("");
}

/// Writes `value` with one write(2), as cgroup files expect. Returns errno or 0.
int write_value(const fs::path& path, const std::string& value) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) return errno;
  std::setvbuf(file, nullptr, _IONBF, 0);
  int error = std::fputs(value.c_str(), file) < 0 ? errno : 0;
  if (std::fclose(file) != 0 && error == 0) error = errno;
  return error;
}

/// mkdir that accepts an existing folder; false (errno set) on failure.
bool make_dir(const fs::path& dir) {
  return ::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST;
}

bool has_word(const std::string& text, const std::string& word) {
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    if (w == word) return true;
  }
  return false;
}

/// v1: a controller mount is usable when we can make the ipclab parent in it.
bool usable_v1(const fs::path& mount, const char* limit_file) {
  std::error_code ec;
  return fs::exists(mount / "cgroup.procs", ec) && make_dir(mount / kParent) &&
         ::access((mount / kParent).c_str(), W_OK) == 0 &&
         fs::exists(mount / kParent / limit_file, ec);
}

CgroupSupport detect_v2(const fs::path& root) {
  CgroupSupport support{2, root, false, false, ""};
  const std::string available = read_or_empty(root / "cgroup.controllers");
  if (!make_dir(root / kParent) || ::access((root / kParent).c_str(), W_OK) != 0) {
    support.note = "cannot create " + (root / kParent).string() + " (" + std::strerror(errno) +
                   "): run as root, or delegate a cgroup to this user";
    return support;
  }
  for (const char* controller : {"pids", "memory"}) {
    if (!has_word(available, controller)) continue;
    // Enable the controller for the parent's children; harmless when it is on.
    write_value(root / "cgroup.subtree_control", std::string("+") + controller);
    write_value(root / kParent / "cgroup.subtree_control", std::string("+") + controller);
  }
  const std::string enabled = read_or_empty(root / kParent / "cgroup.subtree_control");
  support.pids = has_word(enabled, "pids");
  support.memory = has_word(enabled, "memory");
  if (!support.pids || !support.memory) {
    support.note = "the v2 controllers pids/memory are not all available (cgroup.controllers: " +
                   available.substr(0, available.find('\n')) + ")";
  }
  return support;
}

CgroupSupport detect_v1(const fs::path& root) {
  CgroupSupport support{1, root, false, false, ""};
  support.pids = usable_v1(root / "pids", "pids.max");
  support.memory = usable_v1(root / "memory", "memory.limit_in_bytes");
  if (!support.pids || !support.memory) {
    support.note = "cgroup v1: cannot create an ipclab cgroup in " +
                   std::string(!support.pids ? "pids" : "memory") +
                   " (not mounted, or not writable: run as root)";
  }
  if (!support.usable()) support.version = 0;
  return support;
}

std::vector<pid_t> read_pids(const fs::path& procs) {
  std::vector<pid_t> pids;
  std::istringstream in(read_or_empty(procs));
  for (pid_t pid; in >> pid;)
    pids.push_back(pid);
  return pids;
}

}  // namespace

std::string CgroupSupport::describe() const {
  if (!usable()) return "none";
  std::string text = "cgroup v" + std::to_string(version) + " (";
  if (pids)
    text += memory ? "pids, memory" : "pids";
  else
    text += "memory";
  return text + ")";
}

CgroupSupport detect_cgroups(const fs::path& root) {
  std::error_code ec;
  if (fs::exists(root / "cgroup.controllers", ec)) return detect_v2(root);
  if (fs::exists(root / "pids", ec) || fs::exists(root / "memory", ec)) return detect_v1(root);
  return {0, root, false, false, "no cgroup hierarchy with pids or memory under " + root.string()};
}

namespace {

/// The pid of the grader that made a per-run cgroup ("g<pid>-<n>"), or 0.
pid_t owner_of(const std::string& name) {
  if (name.size() < 2 || name[0] != 'g') return 0;
  return static_cast<pid_t>(std::atol(name.c_str() + 1));
}

int remove_stale_in(const fs::path& parent) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    pid_t owner = owner_of(entry.path().filename().string());
    if (owner <= 0 || !entry.is_directory() || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
    for (int attempt = 0; attempt < 100; ++attempt) {
      for (pid_t pid : read_pids(entry.path() / "cgroup.procs"))
        ::kill(pid, SIGKILL);
      if (::rmdir(entry.path().c_str()) == 0) {
        ++removed;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return removed;
}

/// The most memory the cgroup's processes used at once (v2 memory.peak, v1
/// memory.max_usage_in_bytes); 0 when the kernel does not say.
std::uint64_t peak_memory(const fs::path& dir) {
  for (const char* file : {"memory.peak", "memory.max_usage_in_bytes"}) {
    std::string text = read_or_empty(dir / file);
    if (!text.empty() && std::isdigit(static_cast<unsigned char>(text.front()))) {
      return std::strtoull(text.c_str(), nullptr, 10);
    }
  }
  return 0;
}

}  // namespace

int remove_stale_cgroups(const CgroupSupport& support) {
  if (!support.usable()) return 0;
  if (support.version == 2) return remove_stale_in(support.root / kParent);
  int removed = 0;
  if (support.pids) removed += remove_stale_in(support.root / "pids" / kParent);
  if (support.memory) removed += remove_stale_in(support.root / "memory" / kParent);
  return removed;
}

RunCgroup::RunCgroup(const CgroupSupport& support, const std::string& name,
                     const TreeLimits& limits)
    : version_(support.version), memory_bytes_(support.memory ? limits.memory_bytes : 0) {
  auto set = [this](const fs::path& dir, const char* file, std::uint64_t value) {
    if (value == 0) return;
    if (int error = write_value(dir / file, std::to_string(value)); error != 0) {
      throw GraderError("cannot set the run's limit in " + (dir / file).string() + ": " +
                        std::strerror(error) + "; see `grader doctor`");
    }
  };
  if (version_ == 2) {
    fs::path dir = support.root / kParent / name;
    make(dir);
    if (support.pids) set(dir, "pids.max", limits.processes);
    if (support.memory) {
      set(dir, "memory.max", limits.memory_bytes);
      write_value(dir / "memory.swap.max", "0");  // absent without swap accounting: fine
    }
    return;
  }
  if (support.pids) {
    make(support.root / "pids" / kParent / name);
    set(dirs_.back(), "pids.max", limits.processes);
  }
  if (support.memory) {
    make(support.root / "memory" / kParent / name);
    set(dirs_.back(), "memory.limit_in_bytes", limits.memory_bytes);
    // Swap counts too where the kernel accounts it (must not be below the limit above).
    if (limits.memory_bytes != 0) {
      write_value(dirs_.back() / "memory.memsw.limit_in_bytes",
                  std::to_string(limits.memory_bytes));
    }
  }
}

void RunCgroup::make(const fs::path& dir) {
  if (!make_dir(dir)) {
    throw GraderError("cannot create the run's cgroup " + dir.string() + ": " +
                      std::strerror(errno) + "; see `grader doctor`");
  }
  dirs_.push_back(dir);
}

RunCgroup::~RunCgroup() {
  kill_all(std::chrono::milliseconds(0));
  for (const fs::path& dir : dirs_) {
    // A killed process holds its cgroup until its parent reaps it: retry a while.
    for (int attempt = 0; attempt < 200 && ::rmdir(dir.c_str()) != 0 && errno == EBUSY; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

std::vector<fs::path> RunCgroup::procs_files() const {
  std::vector<fs::path> files;
  for (const fs::path& dir : dirs_)
    files.push_back(dir / "cgroup.procs");
  return files;
}

bool RunCgroup::hit_process_limit() const {
  for (const fs::path& dir : dirs_) {
    std::istringstream events(read_or_empty(dir / "pids.events"));
    std::string key;
    long count = 0;
    while (events >> key >> count) {
      if (key == "max" && count > 0) return true;
    }
  }
  return false;
}

bool RunCgroup::hit_memory_limit() const {
  for (const fs::path& dir : dirs_) {
    // Each process is also held to the limit by RLIMIT_AS, which fails its
    // allocation before the tree's charge reaches the cgroup's limit: a tree
    // whose peak came within a tenth of the limit ran into one or the other.
    if (memory_bytes_ != 0 && peak_memory(dir) >= memory_bytes_ - memory_bytes_ / 10) return true;
    std::string failcnt = read_or_empty(dir / "memory.failcnt");
    if (!failcnt.empty() && std::stol(failcnt) > 0) return true;
    std::istringstream events(read_or_empty(dir / "memory.events"));
    std::string key;
    long count = 0;
    while (events >> key >> count) {
      if ((key == "max" || key == "oom_kill") && count > 0) return true;
    }
  }
  return false;
}

bool RunCgroup::empty() const {
  for (const fs::path& dir : dirs_) {
    if (!read_pids(dir / "cgroup.procs").empty()) return false;
  }
  return true;
}

int RunCgroup::kill_all(std::chrono::milliseconds grace, std::chrono::milliseconds budget) {
  for (auto end = std::chrono::steady_clock::now() + grace;
       !empty() && std::chrono::steady_clock::now() < end;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int found = 0;
  auto deadline = std::chrono::steady_clock::now() + budget;
  for (bool first = true; std::chrono::steady_clock::now() < deadline; first = false) {
    bool any = false;
    for (const fs::path& dir : dirs_) {
      std::vector<pid_t> pids = read_pids(dir / "cgroup.procs");
      if (pids.empty()) continue;
      any = true;
      if (first) found += static_cast<int>(pids.size());
      // cgroup.kill also catches children forked while we kill (Linux >= 5.14);
      // elsewhere a process with SIGKILL pending cannot fork, so the loop ends.
      if (version_ == 2 && write_value(dir / "cgroup.kill", "1") == 0) continue;
      for (pid_t pid : pids)
        ::kill(pid, SIGKILL);
    }
    if (!any) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return found;
}

}  // namespace grader
